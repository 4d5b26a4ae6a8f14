"""A real headless Chromium for the web explorer's page tests (and bench/bench_web.py), and the explorer
served by uvicorn on a free loopback port.

Debian's chromium and chromium-driver (scripts/test.sh installs them when missing) are driven through
Selenium with the driver named outright, so Selenium Manager never looks for a browser to download.
"""
from __future__ import annotations

import importlib.util
import shutil
import socket
import tempfile
import threading
import time

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000"]


def chromium_paths() -> tuple[str, str] | None:
    """The browser and its driver, or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def missing() -> str | None:
    """Why no browser test can run here, or None when one can."""
    if importlib.util.find_spec("selenium") is None:
        return "Selenium is not installed (pip install 'warlog[test]')"
    if chromium_paths() is None:
        return "no Chromium here (apt-get install chromium chromium-driver; scripts/test.sh does)"
    return None


def chromium():
    """A headless Chromium under Selenium with a fresh profile, or None when there is none here."""
    if missing():
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    browser, driver = chromium_paths()
    profile = tempfile.mkdtemp(prefix="warlog-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in CHROMIUM_ARGS + [f"--user-data-dir={profile}"]:
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(options=options, service=Service(executable_path=driver))
    chrome.warlog_profile = profile
    return chrome


def close(chrome) -> None:
    """Quit the browser and remove its profile."""
    try:
        chrome.quit()
    finally:
        shutil.rmtree(chrome.warlog_profile, ignore_errors=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """An ASGI app served by uvicorn in a thread, on 127.0.0.1 and a free port, until ``stop``."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> "Served":
        self.thread.start()
        deadline = time.monotonic() + 60
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
