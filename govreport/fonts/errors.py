"""The one exception the font layer raises for problems a user can fix."""

from __future__ import annotations


class FontError(Exception):
    """A font problem explained in Chinese; the CLI prints `str(error)` without a traceback."""
