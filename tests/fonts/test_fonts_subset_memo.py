"""A process keeps the font subsets it has made: a later PDF that uses a face's characters in
the same order takes the subset, made and compressed, from the memo, and its bytes are those
reportlab would have made again."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from govreport.fonts import pdf as pdf_module
from govreport.fonts import register_reportlab_fonts, resolve_fonts, subsetmemo
from govreport.fonts.subsetmemo import SubsetMemo

HEADINGS = "一、总体情况二、主动公开政府信息情况三、收到和处理政府信息公开申请情况"
OTHER = "四、政府信息公开行政复议、行政诉讼情况"


@pytest.fixture
def kept(monkeypatch) -> SubsetMemo:
    """This test's memo, in a process that has registered no font yet."""
    memo = SubsetMemo()
    monkeypatch.setattr(subsetmemo, "memo", memo)
    new_process(monkeypatch)
    return memo


def new_process(monkeypatch) -> None:
    monkeypatch.setattr(pdf_module, "_registered", {})
    monkeypatch.setattr(pdfmetrics, "_dynFaceNames", {})


def render(path: Path, *lines: str) -> bytes:
    name = register_reportlab_fonts({"body": resolve_fonts({"body": path})["body"]})["body"]
    out = io.BytesIO()
    page = canvas.Canvas(out, invariant=1, initialFontName=name)
    page.setFont(name, 16)
    for n, line in enumerate(lines):
        page.drawString(72, 720 - 24 * n, line)
    page.save()
    return out.getvalue()


@pytest.fixture(params=["ttf", "cff"])
def font(request, make_font, make_distinct_cff) -> Path:
    """A TrueType font, and a CFF one (whose subsets are converted glyphs: `cffsubset.py`)."""
    if request.param == "ttf":
        return make_font("song.ttf", family="Test Song", chars="".join(set(HEADINGS + OTHER)))
    return make_distinct_cff("distinct.otf", HEADINGS + OTHER)


def test_a_second_pdf_with_the_same_text_makes_no_new_subset(font, kept, monkeypatch):
    first = render(font, HEADINGS)
    (subset,) = kept._subsets.values()
    compressed = subset.flate
    made: list[bytes] = []
    monkeypatch.setattr(subsetmemo, "_Subset", lambda raw: made.append(raw))
    given: list[bytes] = []
    encode = subsetmemo._KeptFlate.encode
    monkeypatch.setattr(subsetmemo._KeptFlate, "encode",
                        lambda self, content: given.append(encode(self, content)) or given[-1])

    second = render(font, HEADINGS)

    assert compressed is not None  # the first PDF's font file went through the memo
    assert made == []  # not made again
    assert given == [compressed]  # and its kept compressed bytes are the font file stream's
    assert list(kept._subsets.values()) == [subset] and subset.flate is compressed
    assert second == first


def test_kept_subsets_give_the_bytes_reportlab_makes_without_the_memo(font, kept, monkeypatch):
    render(font, HEADINGS)
    render(font, OTHER)
    from_memo = render(font, HEADINGS)
    new_process(monkeypatch)
    monkeypatch.setattr(subsetmemo, "keep_subsets", lambda ttf, kept=None: None)

    made_again = render(font, HEADINGS)

    assert len(kept) == 2
    assert from_memo == made_again
    assert HEADINGS in PdfReader(io.BytesIO(from_memo)).pages[0].extract_text()


def test_two_faces_drawing_the_same_text_keep_their_own_subsets(make_font, kept, monkeypatch):
    song = make_font("song.ttf", family="Test Song", chars="".join(set(HEADINGS)))
    hei = make_font("hei.ttf", family="Test Hei", chars="".join(set(HEADINGS)), weight=700)
    render(song, HEADINGS)
    new_process(monkeypatch)  # the synthetic fonts share a PostScript name, which reportlab
    from_memo = render(hei, HEADINGS)  # would otherwise map to the face registered first
    new_process(monkeypatch)
    monkeypatch.setattr(subsetmemo, "keep_subsets", lambda ttf, kept=None: None)

    made_again = render(hei, HEADINGS)

    assert len(kept) == 2
    assert from_memo == made_again


def test_the_same_characters_in_another_order_are_another_subset(font, kept):
    render(font, HEADINGS)

    reordered = render(font, OTHER, HEADINGS)

    assert len(kept) == 2
    text = PdfReader(io.BytesIO(reordered)).pages[0].extract_text()
    assert OTHER in text and HEADINGS in text


def test_the_memo_drops_the_least_recently_used_subsets_beyond_its_budget():
    memo = SubsetMemo(budget=10_000)
    face = object()
    for n in range(8):
        memo.compressed(memo.subset(face, [n], lambda codes: bytes(3_000)))
    memo.subset(face, [6], lambda codes: pytest.fail("subset 6 is kept"))  # used again: newest

    memo.compressed(memo.subset(face, [8], lambda codes: bytes(3_000)))

    assert memo.held <= memo.budget
    kept_codes = [key[1][0] for key in memo._subsets]
    assert kept_codes[-2:] == [6, 8] and 7 in kept_codes and 0 not in kept_codes


def test_a_subset_larger_than_the_budget_is_still_given_and_then_dropped():
    memo = SubsetMemo(budget=100)
    face = object()
    big = memo.subset(face, [1], lambda codes: bytes(1_000))
    memo.subset(face, [2], lambda codes: bytes(10))

    assert len(big.raw) == 1_000
    assert [key[1] for key in memo._subsets] == [(2,)]


def test_a_cleared_memo_makes_the_subset_again():
    memo = SubsetMemo()
    face = object()
    memo.compressed(memo.subset(face, [1], lambda codes: bytes(100)))

    memo.clear()
    made = memo.subset(face, [1], lambda codes: b"again")

    assert made.raw == b"again" and memo.held == len(b"again") and len(memo) == 1
