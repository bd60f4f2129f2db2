"""Heading numbers: 一、 （一） 1. （1） 1、 — written as literal text, never as Word list numbering."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never reach 100)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def number_label(pattern: str, n: int) -> str:
    """Fill a numbering pattern from a format file: "（{cn}）" → （三）, "{n}." → 3."""
    return pattern.format(cn=chinese_numeral(n), n=n)
