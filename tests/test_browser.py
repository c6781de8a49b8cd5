"""Built reports in a real headless Chromium: charts load, Chinese renders, nothing leaves the machine."""
from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Debian's chromium still calls Google hosts on its own unless told not to; the test watches the
# page's requests anyway, these keep the browser's background traffic out of the way.
CHROMIUM_ARGS = ["--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--host-resolver-rules=MAP * ~NOTFOUND"]
CJK = re.compile(r"[\u4e00-\u9fff]{2,}")

# Draws two different Chinese characters with the body's font: if no CJK font is available both
# come out as the same "tofu" box, so identical pixels mean the text is not really rendered.
GLYPHS_DIFFER = """() => {
  const font = getComputedStyle(document.body).fontFamily;
  const draw = (ch) => {
    const canvas = document.createElement('canvas');
    canvas.width = 48; canvas.height = 48;
    const ctx = canvas.getContext('2d');
    ctx.font = `32px ${font}`;
    ctx.fillText(ch, 4, 36);
    return Array.from(ctx.getImageData(0, 0, 48, 48).data);
  };
  const a = draw('中'), b = draw('国');
  return a.some(v => v > 0) && a.some((v, i) => v !== b[i]);
}"""


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.geteuid() == 0:
        pytest.fail("Debian's chromium is not installed; `make browser` (part of `make test`) installs it")
    pytest.skip("Debian's chromium is not installed and installing it needs root: "
                "run `sudo apt-get install chromium fonts-noto-cjk`")


def _non_blank(png: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        colours = image.convert("L").getcolors(maxcolors=1 << 16)
    return colours is None or len(colours) > 8


# A laptop's browser window: no page may be wider (a table scrolls inside its own box, the page does not),
# and the index, a list of the pages, stays short.
WINDOW = {"width": 1280, "height": 800}
INDEX_MAX_HEIGHT = 6000
SIZE = "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


def check_site(index: Path, expected_reports: int) -> None:
    """Open `index` in headless Chromium, follow every report link and check each page."""
    chromium = _chromium_or_skip()
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=WINDOW)
            page.on("request", lambda request: requests.append(request.url))
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(index.as_uri())
            width, height = page.evaluate(SIZE)
            assert width <= WINDOW["width"] and height < INDEX_MAX_HEIGHT, f"index is {width} × {height} px"
            links = page.eval_on_selector_all("a[href$='.html']", "els => els.map(e => e.href)")
            api = [link for link in links if "/api/" in link]
            assert len(api) == 1 and api[0].endswith("/api/index.html"), "the index links the API reference once"
            reports = sorted({link for link in links if link.startswith("file:") and link not in api})
            assert len(reports) == expected_reports, links
            page.goto(api[0])
            page.wait_for_load_state("load")
            assert "Report" in page.inner_text("body") and "open_report" in page.inner_text("body"), page.url
            assert page.evaluate(SIZE)[0] <= WINDOW["width"], f"{page.url} is wider than the window"
            for url in reports:
                page.goto(url)
                page.wait_for_load_state("load")
                width, _ = page.evaluate(SIZE)
                assert width <= WINDOW["width"], f"{url} is {width} px wide in a {WINDOW['width']} px window"
                images = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete && i.naturalWidth)")
                assert all(width and width > 0 for width in images), f"{url}: a chart did not load"
                assert CJK.search(page.inner_text("body")), f"{url}: no Chinese text in the page"
                assert page.evaluate(GLYPHS_DIFFER), f"{url}: Chinese text renders as tofu (no CJK font)"
                # the viewport is enough to see a blank page; a full-page shot of the long overview costs seconds
                assert _non_blank(page.screenshot()), f"{url}: the page rendered blank"
        finally:
            browser.close()
    assert not errors, errors
    # blob: is an object URL the page makes from its own inline data (the offline table bundle), never the network
    assert requests and all(url.startswith(("file://", "data:", "blob:")) for url in requests), \
        [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]

# The site is checked on a build with two report texts: tests/test_walkthrough.py
# (test_browser_opens_every_page_of_the_two_report_build), which holds every shipped page and the new report's.
