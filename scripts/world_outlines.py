"""Write src/warlog/web/static/world.geojson, the web explorer's offline base map: the country outlines
of Natural Earth's 1:110m Admin 0 countries (public domain), as the `naturalearth_lowres` data set that
GeoPandas long shipped and pyogrio ships among its test fixtures.

    pip install pyogrio shapely && python scripts/world_outlines.py

Coordinates are rounded to 0.01 degree (about a kilometre: finer than the 1:110m outlines themselves).
"""
from __future__ import annotations

import json
from pathlib import Path

import pyogrio
import shapely

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(pyogrio.__file__).parent / "tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
OUT = ROOT / "src/warlog/web/static/world.geojson"


def main() -> None:
    meta, _, geometry, fields = pyogrio.raw.read(SOURCE)
    names = dict(zip(meta["fields"], fields))
    features = []
    for name, iso, wkb in zip(names["name"], names["iso_a3"], geometry):
        shape = shapely.set_precision(shapely.from_wkb(wkb), 0.01)
        if shape.is_empty:
            continue
        features.append({"type": "Feature", "properties": {"name": name, "iso_a3": iso},
                         "geometry": json.loads(shapely.to_geojson(shape))})
    text = json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    OUT.write_text(text + "\n", encoding="utf-8")
    print(f"{len(features)} countries, {len(text) // 1024} KB -> {OUT}")


if __name__ == "__main__":
    main()
