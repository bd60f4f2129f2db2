"""The HTML page in a real browser (headless Chromium), at a desktop's 1280 px and a phone's
375 px: nothing overlaps, nothing sticks out of the article or scrolls the page sideways, a
table fits its box or scrolls inside it, no cell's text overflows its cell. Screenshots of every
example are taken too (under pytest's temporary folder, named after the example and width) —
look at them when the page changes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.support.browser import Measured, find_chromium, measure, screenshot
from tests.support.outputs import CASE_IDS, CASES, html_page
from tests.support.rendering import require_tools

pytestmark = pytest.mark.render

WIDTHS = (1280, 375)
EPSILON = 0.5  # CSS px: rounding of fractional boxes
SHOT_DIR = os.environ.get("GOVREPORT_SCREENSHOTS")


@pytest.fixture(scope="module")
def measured():
    require_tools("chromium")
    find_chromium()
    cache: dict[tuple[Path, int], Measured] = {}

    def get(path: Path, width: int) -> Measured:
        if (path, width) not in cache:
            cache[(path, width)] = measure(html_page(path), width)
        return cache[(path, width)]

    return get


CASES_AND_WIDTHS = [(p, w) for p in CASES for w in WIDTHS]
IDS = [f"{i}-{w}" for i in CASE_IDS for w in WIDTHS]


@pytest.mark.parametrize(("path", "width"), CASES_AND_WIDTHS, ids=IDS)
def test_the_page_never_scrolls_sideways(measured, path, width):
    m = measured(path, width).data
    assert m["viewport"] == width
    assert m["scrollWidth"] <= width


@pytest.mark.parametrize(("path", "width"), CASES_AND_WIDTHS, ids=IDS)
def test_blocks_stay_in_the_article_and_do_not_overlap(measured, path, width):
    m = measured(path, width).data
    article = m["article"]
    previous = None
    for block in m["blocks"]:
        if block["bottom"] - block["top"] <= 0:
            continue
        where = f"{block['tag']}.{block['cls']} “{block['text']}”"
        assert block["left"] >= article["left"] - EPSILON, where
        assert block["right"] <= article["right"] + EPSILON, where
        if "table-box" not in block["cls"]:
            assert block["scrollWidth"] <= block["clientWidth"] + 1, where
        if previous is not None:
            assert block["top"] >= previous["bottom"] - EPSILON, (where, previous["text"])
        previous = block


@pytest.mark.parametrize(("path", "width"), CASES_AND_WIDTHS, ids=IDS)
def test_tables_fit_or_scroll_inside_their_box(measured, path, width):
    m = measured(path, width).data
    article_width = m["article"]["right"] - m["article"]["left"]
    for t in m["tables"]:
        assert t["box"]["right"] - t["box"]["left"] <= article_width + EPSILON
        if t["scrollWidth"] > t["clientWidth"] + 1:
            assert t["overflowX"] in ("auto", "scroll")
        else:
            assert t["table"]["right"] <= t["box"]["right"] + EPSILON
        assert t["overflowing"] == []


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_on_a_desktop_every_table_fits_without_scrolling(measured, path):
    for t in measured(path, 1280).data["tables"]:
        assert t["scrollWidth"] <= t["clientWidth"] + 1


@pytest.mark.parametrize("path", CASES, ids=CASE_IDS)
def test_on_a_phone_the_wide_tables_scroll_in_their_box(measured, path):
    tables = measured(path, 375).data["tables"]
    grids = [t for t in tables if t["table"]["right"] - t["table"]["left"] > 375]
    assert all(t["overflowX"] == "auto" and t["scrollWidth"] > t["clientWidth"] for t in grids)


def test_the_page_asks_for_the_official_fonts_first(measured):
    fonts = set(measured(EXAMPLES / "yunling-2024.yaml", 1280).data["fonts"])
    assert fonts == {'"方正小标宋简体"', '"仿宋_GB2312"', '"黑体"', '"楷体_GB2312"'} or \
        fonts == {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"}


EXAMPLE_CASES = [(p, w) for p in CASES if p.is_relative_to(EXAMPLES) for w in WIDTHS]


@pytest.mark.parametrize(("path", "width"), EXAMPLE_CASES,
                         ids=[f"{p.stem}-{w}" for p, w in EXAMPLE_CASES])
def test_screenshot_of_every_example(measured, tmp_path_factory, path, width):
    from PIL import Image

    folder = Path(SHOT_DIR) if SHOT_DIR else tmp_path_factory.mktemp("screenshots")
    m = measured(path, width)
    target = screenshot(html_page(path), width, m.height, folder / f"{path.stem}-{width}.png")
    with Image.open(target) as image:
        assert image.width == width and image.height >= min(m.height, 2000)
        gray = image.convert("L")
        dark = sum(gray.histogram()[:128])
        assert dark > image.width * 20  # text was drawn, not a blank page
