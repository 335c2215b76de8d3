"""The dashboard in a real browser: Debian's headless Chromium driven by Playwright, on a store
built from the bundled example corpus and served by `dyad serve` in another process.

Set DYAD_SCREENSHOTS=docs/screenshots to save a screenshot of each view there.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.model]
EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "dyad" / "data" / "examples"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]  # fmt: skip
SHOTS = os.environ.get("DYAD_SCREENSHOTS")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server at {url} did not answer within {seconds} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing: run `bash scripts/system-packages.sh`")
    store = tmp_path_factory.mktemp("browser") / "examples.db"
    dyad = [sys.executable, "-m", "dyad.cli"]
    done = subprocess.run([*dyad, "ingest", str(EXAMPLES), "--store", str(store)],
                          capture_output=True, text=True, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    port = free_port()
    process = subprocess.Popen([*dyad, "serve", "--store", str(store), "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/api")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors, page errors and requests leaving this machine
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("request", lambda r: None if r.url.startswith((server, "data:"))
            else page.problems.append(f"outside request: {r.url}"))  # fmt: skip
    yield page
    assert page.problems == []
    context.close()


def open_view(page, server: str, route: str, ready: str) -> None:
    page.goto(f"{server}/#/{route}")
    page.wait_for_selector(ready, timeout=20_000)


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_timeline_lists_events_and_draws_the_chart(page, server: str) -> None:
    open_view(page, server, "timeline", "tr.event-row")
    assert page.locator("tr.event-row").count() >= 20
    assert page.locator("svg rect.bar").count() >= 5
    shoot(page, "timeline")


def test_a_click_from_the_timeline_opens_the_article_with_highlights(page, server: str) -> None:
    open_view(page, server, "timeline?type=THREATEN", "tr.event-row")
    row = page.locator("tr.event-row").first
    event_id = row.get_attribute("data-event")
    row.click()
    page.wait_for_selector("#article-text")
    assert f"event={event_id}" in page.url
    text = page.locator("#article-text")
    for kind in ("actor", "time", "quote", "trigger", "selected"):
        assert text.locator(f".{kind}").count() >= 1, kind
    link = text.locator(f'a.trigger[data-event="{event_id}"]')
    assert link.count() >= 1
    assert page.locator(f'ul.event-list li.current[data-event="{event_id}"]').count() == 1
    shoot(page, "article")
    link.first.click()
    page.wait_for_selector("dl.facts")
    assert page.locator("h2").first.inner_text().startswith("THREATEN")
    reports = page.locator("section.card", has_text="Reported in")
    assert reports.locator(f'li[data-event="{event_id}"]').count() == 1  # the event's group
    shoot(page, "event")


def test_filters_narrow_the_timeline(page, server: str) -> None:
    open_view(page, server, "timeline", "tr.event-row")
    every = page.locator("tr.event-row").count()
    page.select_option("select[name=type]", "AGREE")
    page.click("#filters button[type=submit]")
    page.wait_for_function("location.hash.includes('type=AGREE')")
    page.wait_for_selector("tr.event-row")
    types = page.locator("tr.event-row td:nth-child(2)").all_inner_texts()
    assert types and all(t.startswith("AGREE") for t in types)
    assert len(types) < every


def test_dyad_chart_counts_types_and_draws_the_line(page, server: str) -> None:
    open_view(page, server, "dyad", "svg rect.hbar")
    assert page.locator("svg rect.hbar").count() >= 1
    assert page.locator("polyline.series-line").count() >= 2
    shoot(page, "dyad")


def test_map_draws_country_outlines_and_event_places(page, server: str) -> None:
    open_view(page, server, "map?world=1", "circle.dot")
    assert page.locator("path.country").count() > 150
    assert page.locator("circle.dot").count() >= 5
    shoot(page, "map")
    page.locator("circle.dot").first.click(force=True)
    page.wait_for_function("location.hash.includes('place=')")
    page.wait_for_selector("tr.event-row")
    assert "place =" in page.locator("#hidden-filters").inner_text()  # the filter is shown


def test_network_draws_actors_and_their_links(page, server: str) -> None:
    open_view(page, server, "network", "g.node")
    assert page.locator("g.node").count() >= 5
    assert page.locator("line.edge").count() >= 3
    shoot(page, "network")


def test_tracker_lists_meetings_and_demands(page, server: str) -> None:
    open_view(page, server, "tracker", "section.card table")
    headings = " ".join(page.locator("section.card h2").all_inner_texts())
    assert "Meetings" in headings and "Demands" in headings
    assert page.locator("section.card table tbody tr").count() >= 3
    shoot(page, "tracker")
    page.locator("section.card table a").first.click()
    page.wait_for_selector("text=Reported by")


def test_articles_list(page, server: str) -> None:
    open_view(page, server, "articles", "table tbody tr")
    assert page.locator("table tbody tr").count() >= 10


def test_readable_on_a_phone(browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{server}/#/timeline")
    page.wait_for_selector("tr.event-row")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    assert page.locator("th.hide-small").first.is_hidden()
    shoot(page, "phone")
    context.close()


def test_chromium_is_debians(browser) -> None:
    assert shutil.which("chromium") == CHROMIUM or Path(CHROMIUM).exists()
    assert browser.version


def test_the_api_docs_render_offline_under_the_content_security_policy(page, server: str) -> None:
    # The page fixture fails on console errors (a CSP violation is one) and outside requests.
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in paths and "/api/series" in paths
    shoot(page, "api-docs")
