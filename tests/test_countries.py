"""Country codes of the datasets: Gleditsch-Ward numbers and GED regions, ISO numeric and ACLED regions."""
from __future__ import annotations

import pytest

from warlog import countries


@pytest.mark.parametrize("code,gwno,iso,ged_region,acled_region", [
    ("ML", 432, 466, "Africa", "Western Africa"), ("BF", 439, 854, "Africa", "Western Africa"),
    ("NE", 436, 562, "Africa", "Western Africa"), ("FR", 220, 250, "Europe", "Europe"),
    ("EG", 651, 818, "Middle East", "Northern Africa"), ("US", 2, 840, "Americas", "North America"),
    ("AF", 700, 4, "Asia", "South Asia"), ("CD", 490, 180, "Africa", "Middle Africa"),
    ("UA", 369, 804, "Europe", "Europe"), ("PR", None, 630, None, "Caribbean"),
])
def test_countries_codes_of_the_datasets(code, gwno, iso, ged_region, acled_region):
    c = countries.codes(code)
    assert (c.gwno, c.iso_numeric, c.ged_region, c.acled_region) == (gwno, iso, ged_region, acled_region)


@pytest.mark.parametrize("code", [None, "", "ZZ"])
def test_countries_codes_of_nothing_known(code):
    assert countries.codes(code) is None


def test_countries_codes_every_iso_country_has_a_row_and_an_acled_region():
    import pycountry

    for c in pycountry.countries:
        assert countries.codes(c.alpha_2).acled_region, c.alpha_2


@pytest.mark.parametrize("gwno,code", [(432, "ML"), (475, "NG"), (365, "RU")])
def test_countries_by_gwno(gwno, code):
    assert countries.by_gwno(gwno).alpha2 == code


@pytest.mark.parametrize("text,code", [
    # Kingsmill massacre, Warrenpoint ambush: Northern Ireland is the United Kingdom, Ireland is not
    ("Kingsmill, County Armagh, Northern Ireland", "GB"), ("Dublin, Ireland", "IE"), ("Glencoe, Scotland", "GB"),
])
def test_countries_found_in_a_place_line(text, code):
    assert countries.find(text)[1] == code
