"""The HTML view in a real browser: headless Chromium from Debian, driven by Playwright."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from govkg.pipeline import BuildResult
from govkg.view import project, write_view
from test_view import HOSTILE, hostile_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


class Watched:
    """A page with every console message, page error, request and dialog recorded."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[tuple[str, str]] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", lambda m: self.console.append((m.type, m.text)))
        page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def open(self, path: Path) -> float:
        started = time.perf_counter()
        self.page.goto(path.as_uri(), wait_until="networkidle")
        self.page.wait_for_function("() => document.body.dataset.settled === 'true'", timeout=60_000)
        return time.perf_counter() - started


def page_data(path: Path) -> dict:
    match = re.search(r'id="govkg-data">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    assert match
    return json.loads(match.group(1))


def test_the_built_view(browser: Browser, built: BuildResult, output_dir: Path) -> None:
    path = built.outputs["HTML view"]
    data = page_data(path)
    watched = Watched(browser.new_page(viewport={"width": 1600, "height": 1000}))
    seconds = watched.open(path)
    page = watched.page
    assert page.evaluate("window.govkgView.nodeCount()") == len(data["nodes"])
    assert page.evaluate("window.govkgView.edgeCount()") == len(data["edges"])

    # The search box finds Chen Yijun; Enter selects the node and shows its facts and quotes.
    page.fill("#search", "Chen Yijun")
    page.press("#search", "Enter")
    assert "Chen Yijun" in page.inner_text("#results")
    assert page.inner_text("#info h3") == "Chen Yijun"
    quotes = page.locator("#info blockquote .exact").all_inner_texts()
    assert "\u201cChen Yijun, Deputy Governor\u201d" in quotes

    # Hovering the node shows the tooltip with a quote from the report.
    chen = next(n["id"] for n in data["nodes"] if n["label"] == "Chen Yijun")
    x, y = page.evaluate(
        "(id) => { const n = window.govkgView.network; const p = n.canvasToDOM(n.getPositions([id])[id]);"
        " const r = document.getElementById('graph').getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }",
        chen,
    )
    page.mouse.move(x, y)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert "Chen Yijun" in tooltip.inner_text() and "\u201c" in tooltip.inner_text()

    # The filter by kind hides every person.
    page.uncheck('#legend-list input[data-kind="person"]')
    hidden = page.evaluate("window.govkgView.nodes.get({filter: n => n.kind === 'person'}).every(n => n.hidden)")
    assert hidden is True

    page.screenshot(path=str(output_dir / "kg-view.png"))
    settled_ms = page.evaluate("window.govkgView.state.settledMs")
    (output_dir / "measures.json").write_text(
        json.dumps({"file_bytes": path.stat().st_size, "open_to_settled_s": round(seconds, 2), "settled_ms_in_page": settled_ms}, indent=1)
    )
    assert [m for m in watched.console if m[0] in ("error", "pageerror", "warning")] == []
    assert watched.requests == [path.as_uri()]


def test_hostile_labels_show_as_typed_and_run_nothing(browser: Browser, tmp_path: Path, output_dir: Path) -> None:
    path = write_view(project(hostile_graph()), tmp_path / "hostile.html", title=HOSTILE[1])
    # The page's Content-Security-Policy is bypassed: escaping alone must keep the script out.
    context = browser.new_context(bypass_csp=True)
    watched = Watched(context.new_page())
    watched.open(path)
    page = watched.page
    for name in HOSTILE:
        page.fill("#search", name[:12])
        page.press("#search", "Enter")
        assert name in page.locator("#results").inner_text()
    page.fill("#search", HOSTILE[2])
    page.press("#search", "Enter")
    assert page.inner_text("#info h3") == HOSTILE[2]
    assert "\u201cquote " + HOSTILE[2] + "\u201d" in page.locator("#info blockquote .exact").all_inner_texts()
    assert page.inner_text("h1") == HOSTILE[1]
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("#info img, #results img, header img").count() == 0
    assert watched.dialogs == []
    assert [m for m in watched.console if m[0] in ("error", "pageerror")] == []
    page.screenshot(path=str(output_dir / "hostile.png"))
    context.close()
