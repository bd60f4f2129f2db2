"""The fonts that `pip install` always brings: Noto Serif SC / Noto Sans SC (OFL, CFF outlines)
from the PyPI package `pylopdf-fonts-zh-cn`, used when nothing better is on the machine."""

from __future__ import annotations

from pathlib import Path

from .errors import FontError
from .families import DefaultKind


def default_font_file(kind: DefaultKind) -> Path:
    """Path of the bundled Noto font for `kind` ("serif" or "sans")."""
    try:
        import pylopdf_fonts_zh_cn as bundled
    except ImportError:
        raise FontError(
            "缺少内置默认字体包 pylopdf-fonts-zh-cn，请运行：pip install pylopdf-fonts-zh-cn"
        ) from None
    path = Path(bundled.serif_path() if kind == "serif" else bundled.sans_path())
    if not path.is_file():
        raise FontError(f"内置默认字体文件缺失：{path}，请重新安装 pylopdf-fonts-zh-cn。")
    return path
