"""Look at an HTML page the way a reader does: headless Chromium, at a phone's and a desktop's
width, for the ``render`` tests.

Headless Chromium will not make its window narrower than 500 px, so the page is shown in an
``<iframe srcdoc>`` of the wanted width inside a harness page: the iframe is the viewport the
page's CSS sees (media queries, ``width=device-width``). The harness's own script measures the
page's boxes after load and writes them into the DOM, which ``--dump-dom`` prints; the page
under test keeps having no script. ``--screenshot`` then takes a picture of the iframe at the
page's full height.
"""

from __future__ import annotations

import html
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.support.rendering import MissingToolError, ToolFailedError, _run

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--hide-scrollbars", "--mute-audio", "--disable-extensions")
MIN_WINDOW_PX = 500  # headless Chromium's narrowest window

# Runs in the harness, not in the page: every box of the report, every table's box and cells.
_MEASURE = """
const frame = document.getElementById('page');
frame.addEventListener('load', () => {
  const d = frame.contentDocument, w = frame.contentWindow;
  const box = el => { const r = el.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const article = d.querySelector('article');
  const out = {
    viewport: w.innerWidth, scrollWidth: d.documentElement.scrollWidth,
    height: d.documentElement.scrollHeight, article: box(article),
    blocks: [...article.children].map(el => Object.assign(box(el), {
      tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.slice(0, 40),
      scrollWidth: el.scrollWidth, clientWidth: el.clientWidth})),
    tables: [...d.querySelectorAll('.table-box')].map(b => ({
      box: box(b), clientWidth: b.clientWidth, scrollWidth: b.scrollWidth,
      overflowX: w.getComputedStyle(b).overflowX,
      table: box(b.querySelector('table')),
      overflowing: [...b.querySelectorAll('td, th')]
        .filter(c => c.scrollWidth > c.clientWidth + 1 || c.scrollHeight > c.clientHeight + 1)
        .map(c => c.textContent.slice(0, 20))})),
    fonts: [...new Set([...d.querySelectorAll('h1, h2, h3, p, th, td')]
      .map(el => w.getComputedStyle(el).fontFamily.split(',')[0]))],
  };
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
"""


def find_chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path is not None:
            return path
    raise MissingToolError("missing system tool: chromium (Debian package chromium); "
                           "run `bash .ci/install-system-deps` (as root)")


def _harness(page: bytes, width: int, height: int, measure: bool) -> str:
    srcdoc = html.escape(page.decode("utf-8"), quote=True)
    script = f"<script>{_MEASURE}</script>" if measure else ""
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>html, body { margin: 0; '
            "background: #fff; } iframe { border: 0; display: block; }</style></head><body>"
            f'<iframe id="page" width="{width}" height="{height}" srcdoc="{srcdoc}"></iframe>'
            f"{script}</body></html>")


def _chromium(args: list[str], harness: str, window: tuple[int, int]) -> str:
    with tempfile.TemporaryDirectory(prefix="chromium-") as tmp:
        page = Path(tmp) / "harness.html"
        page.write_text(harness, encoding="utf-8")
        cmd = [find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
               f"--window-size={window[0]},{window[1]}", *args, page.as_uri()]
        return _run(cmd, timeout=120).stdout


@dataclass
class Measured:
    """What the page looked like at one width (CSS px, origin at the viewport's top left)."""

    width: int
    data: dict

    @property
    def height(self) -> int:
        return int(self.data["height"])


def measure(page: bytes, width: int) -> Measured:
    dom = _chromium(["--dump-dom"], _harness(page, width, 2000, measure=True),
                    (max(width, MIN_WINDOW_PX), 2000))
    start = dom.find('<pre id="measured">')
    if start < 0:
        raise ToolFailedError(f"chromium printed no measurements:\n{dom[:2000]}")
    text = dom[start + len('<pre id="measured">'):dom.index("</pre>", start)]
    return Measured(width, json.loads(html.unescape(text)))


def screenshot(page: bytes, width: int, height: int, target: Path) -> Path:
    """A PNG of the whole page at `width` CSS px (the harness's margin cropped away)."""
    from PIL import Image

    target.parent.mkdir(parents=True, exist_ok=True)
    raw = target.with_suffix(".full.png")
    _chromium([f"--screenshot={raw}"], _harness(page, width, height, measure=False),
              (max(width, MIN_WINDOW_PX), height))
    if not raw.is_file():
        raise ToolFailedError(f"chromium wrote no screenshot {raw}")
    with Image.open(raw) as image:
        image.crop((0, 0, width, min(height, image.height))).save(target)
    raw.unlink()
    return target


def print_to_pdf(page: bytes, target: Path) -> Path:
    """The page printed by Chromium (its print stylesheet, no header or footer of its own)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="chromium-") as tmp:
        source = Path(tmp) / "page.html"
        source.write_bytes(page)
        cmd = [find_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
               "--no-pdf-header-footer", f"--print-to-pdf={target}", source.as_uri()]
        _run(cmd, timeout=120)
    if not target.is_file():
        raise ToolFailedError(f"chromium printed no PDF {target}")
    return target
