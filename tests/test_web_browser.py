"""The explorer's pages in a real headless Chromium (Debian's, driven by Selenium), served by uvicorn on
a loopback port over the seeds and a hostile article: the list filters and sorts, the map and the
timeline draw, choosing a claim marks its words and choosing marked words shows their claim, and
markup in an article's title and text runs nothing. Skipped, with the reason, where no browser is."""
from __future__ import annotations

import pytest

from conftest import ROOT, SAMPLES

import browser

if browser.missing():
    pytest.skip(f"browser tests skipped: {browser.missing()}", allow_module_level=True)
pytest.importorskip("uvicorn")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

import warlog  # noqa: E402
from warlog import pipeline, store, web  # noqa: E402

SEEDS = SAMPLES / "seeds"
HOSTILE = ROOT / "tests" / "web" / "hostile_article.txt"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "warlog.db"
    pipeline.ingest([SEEDS, HOSTILE], store.Store(str(path)))
    server = browser.Served(web.create_app(store.read_only(store.open_for_reading(str(path))))).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chrome():
    driver = browser.chromium()
    yield driver
    browser.close(driver)


@pytest.fixture(scope="module")
def events():
    return {e.title: e for e in warlog.extract(SEEDS, HOSTILE)}


def wait(driver, condition, seconds=30):
    return WebDriverWait(driver, seconds).until(lambda d: d.execute_script(condition))


def open_list(chrome, served, query=""):
    chrome.get(served.url + "/" + query)
    wait(chrome, "return document.getElementById('count').textContent !== ''"
                 " || document.getElementById('status').textContent !== ''")


def titles(chrome) -> list[str]:
    return [a.text for a in chrome.find_elements(By.CSS_SELECTOR, "#events tbody td:nth-child(2) a")]


def test_web_browser_list_shows_every_event(chrome, served):
    open_list(chrome, served)
    assert chrome.find_element(By.ID, "count").text == "12 events" and len(titles(chrome)) == 12


def test_web_browser_list_filters_from_the_form(chrome, served):
    open_list(chrome, served)
    box = chrome.find_element(By.NAME, "text")
    box.clear()
    box.send_keys("suicide")
    chrome.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait(chrome, "return document.getElementById('count').textContent === '1 event'")
    assert titles(chrome) == ["Kwala attack"] and "text=suicide" in chrome.current_url
    href = chrome.find_element(By.CSS_SELECTOR, "a[data-format=ged-csv]").get_attribute("href")
    assert href.endswith("/download/ged-csv?text=suicide")


def test_web_browser_list_sorts_by_a_column(chrome, served):
    open_list(chrome, served, "?role=main")
    chrome.find_element(By.CSS_SELECTOR, "button[data-sort=killed]").click()
    wait(chrome, "return location.search.includes('sort=killed')")
    wait(chrome, "return document.querySelector('th[data-sort=killed]').getAttribute('aria-sort') === 'descending'")
    assert titles(chrome)[0] == "Diafarabé and Koumara attacks"


def test_web_browser_list_says_what_is_wrong_with_a_filter(chrome, served):
    open_list(chrome, served)
    box = chrome.find_element(By.NAME, "since")
    box.send_keys("yesterday")
    chrome.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    wait(chrome, "return document.getElementById('status').textContent !== ''")
    assert chrome.find_element(By.ID, "status").text.startswith("since: 'yesterday' is not a date")


def test_web_browser_map_draws_outlines_and_points(chrome, served, events):
    open_list(chrome, served)
    wait(chrome, "return document.querySelectorAll('#map circle.point').length > 0")
    countries = chrome.execute_script("return document.querySelectorAll('#map path.country').length")
    points = chrome.execute_script("return document.querySelectorAll('#map circle.point').length")
    located = {(e.locations[0].lat, e.locations[0].lon, e.event_type) for e in events.values()
               if e.locations and e.locations[0].lat is not None}
    assert countries == 177 and points == len(located)
    radius = chrome.execute_script("return document.querySelector('#map circle.point').getBBox().width")
    assert radius > 0


def test_web_browser_timeline_draws_bars(chrome, served):
    open_list(chrome, served)
    wait(chrome, "return document.querySelectorAll('#timeline rect.bar').length > 0")
    legend = chrome.find_element(By.ID, "timeline-legend").text
    assert "side A" in legend and "events" in legend


def test_web_browser_nothing_is_fetched_from_elsewhere(chrome, served):
    open_list(chrome, served)
    wait(chrome, "return document.querySelectorAll('#map path.country').length > 0")
    urls = chrome.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert urls and all(u.startswith(served.url + "/") for u in urls)


def test_web_browser_choosing_a_claim_marks_its_words(chrome, served, events):
    kwala = events["Kwala attack"]
    chrome.get(f"{served.url}/events/{kwala.id}")
    index = next(i for i, c in enumerate(kwala.claims) if c.origin == "prose" and c.low == 30 and c.high == 32)
    chrome.find_element(By.ID, f"claim-{index}").click()
    wait(chrome, "return document.querySelectorAll('#article mark.chosen').length > 0")
    marked = chrome.execute_script("return [...document.querySelectorAll('#article mark.chosen')].map(m => m.textContent).join('')")
    assert marked == kwala.claims[index].text == "between thirty and thirty-two Malian soldiers were killed"
    visible = chrome.execute_script("""
        const m = document.querySelector('#article mark.chosen').getBoundingClientRect();
        const a = document.getElementById('article').getBoundingClientRect();
        return m.top >= a.top && m.bottom <= a.bottom && m.bottom <= window.innerHeight;""")
    assert visible
    assert kwala.claims[index].text in chrome.find_element(By.ID, "chosen").text


def test_web_browser_choosing_marked_words_shows_their_claim(chrome, served, events):
    kwala = events["Kwala attack"]
    chrome.get(f"{served.url}/events/{kwala.id}")
    index = next(i for i, c in enumerate(kwala.claims) if c.text == "2 hostages")
    chrome.find_element(By.CSS_SELECTOR, f'#article mark[data-claims="{index}"]').click()
    wait(chrome, f"return document.getElementById('claim-{index}').classList.contains('chosen')")
    assert "2 hostages" in chrome.find_element(By.ID, "chosen").text
    assert chrome.execute_script("return document.querySelectorAll('tr.claim.chosen').length") == 1


def test_web_browser_event_page_maps_its_places(chrome, served, events):
    chrome.get(f"{served.url}/events/{events['Kwala attack'].id}")
    wait(chrome, "return document.querySelectorAll('#place-map circle.point').length === 1")


@pytest.mark.parametrize("page", ["event", "list", "search"])
def test_web_browser_hostile_article_runs_nothing(chrome, served, events, page):
    hostile = next(e for e in events.values() if "gunmen" in e.document.title or "<script>" in e.title)
    url = {"event": f"/events/{hostile.id}", "list": "/?text=gunmen",
           "search": "/?text=" + "%3Cscript%3Ewindow.__pwned%3D9%3C%2Fscript%3E"}[page]
    chrome.get(served.url + url)
    wait(chrome, "return document.readyState === 'complete'")
    if page != "event":
        wait(chrome, "return document.getElementById('count').textContent !== ''")
    for mark in chrome.find_elements(By.CSS_SELECTOR, "#article mark"):
        mark.click()  # the spans hold the text's markup, as text
    assert chrome.execute_script("return window.__pwned === undefined")
    with pytest.raises(NoAlertPresentException):
        chrome.switch_to.alert.text
    assert chrome.execute_script("return document.querySelectorAll('main script, main img, main svg[onload], "
                                 "main [onclick], main [onerror], main [onmouseover]').length") == 0
    if page == "event":
        assert chrome.find_element(By.ID, "event-title").text == hostile.title
        assert "<script>window.__pwned = 6</script>" in chrome.find_element(By.ID, "article").text
    elif page == "list":
        assert titles(chrome) == [hostile.title]


def test_web_browser_type_from_the_address_is_kept_in_any_case(chrome, served):
    open_list(chrome, served, "?type=suicide%20bomb")
    assert titles(chrome) == ["Kwala attack"]
    assert chrome.find_element(By.NAME, "type").get_attribute("value") == "Suicide bomb"
