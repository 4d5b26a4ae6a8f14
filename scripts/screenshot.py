"""The README's pictures of the web explorer: the seeds in a fresh store, served, and shot in headless
Chromium (Debian's chromium and chromium-driver, as the browser tests use them).

    python scripts/screenshot.py      # writes docs/event-page.png and docs/events-list.png
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser  # noqa: E402

from warlog import pipeline, query, store, web  # noqa: E402


def main() -> None:
    if browser.missing():
        raise SystemExit(browser.missing())
    from selenium.webdriver.common.by import By

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "warlog.db")
        pipeline.ingest([ROOT / "samples/seeds"], store.Store(db))
        s = store.read_only(store.open_for_reading(db))
        kwala = next(r["id"] for r in query.events(s, query.Filters(text="suicide")))
        server = browser.Served(web.create_app(s)).start()
        driver = browser.chromium()
        try:
            driver.set_window_size(1400, 1300)
            driver.get(server.url + "/")
            time.sleep(1.5)
            driver.save_screenshot(str(ROOT / "docs/events-list.png"))
            driver.get(f"{server.url}/events/{kwala}")
            time.sleep(1)
            driver.find_element(By.ID, "claim-3").click()
            time.sleep(0.5)
            driver.save_screenshot(str(ROOT / "docs/event-page.png"))
        finally:
            browser.close(driver)
            server.stop()
    print("wrote docs/event-page.png, docs/events-list.png")


if __name__ == "__main__":
    main()
