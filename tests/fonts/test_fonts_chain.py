"""Fallback chains: each role's font, then the role's other installed fonts, then the bundled
default; each character is drawn by the first font of the chain that has it."""

from __future__ import annotations

from govreport.fonts import resolve_fonts
from govreport.fonts.families import BASIC_CHARS
from govreport.fonts.resolve import loadable_font
from tests.fonts.conftest import ALL_GB2312, ASCII

PUNCTUATION = "".join(ch for ch in BASIC_CHARS if not ch.isascii())
FULL = ALL_GB2312 + ASCII + PUNCTUATION  # what a real CJK font of a role has
CJK_ONLY = ALL_GB2312 + "（）《》，。、"  # Droid Sans Fallback: hanzi, some marks, no ASCII


def families(font) -> list[str]:
    return [f.family for f in font.chain.fonts]


def test_the_chain_is_the_chosen_font_then_the_other_candidates_then_the_bundled_default(
    make_font,
):
    make_font("wqy.ttf", family="WenQuanYi Zen Hei", chars=FULL)
    make_font("fandol.ttf", family="FandolHei", chars=FULL)

    font = resolve_fonts()["heading1"]

    assert families(font) == ["WenQuanYi Zen Hei", "FandolHei", "Default Sans SC"]
    assert [f.origin for f in font.chain.fonts] == ["substitute", "substitute", "default"]
    assert all(f.role == "heading1" for f in font.chain.fonts)


def test_a_role_on_the_bundled_default_has_a_chain_of_one():
    font = resolve_fonts()["body"]

    assert families(font) == ["Default Serif SC"]
    assert font.chain.segments("正文/2024") == [("正文/2024", 0)]


def test_a_cjk_only_font_becomes_the_role_font_only_when_no_other_is_installed(make_font):
    # Listed first among the 黑体 substitutes, but without "/" and Latin letters.
    make_font("wqy.ttf", family="WenQuanYi Zen Hei", chars=CJK_ONLY)
    make_font("fandol.ttf", family="FandolHei", chars=FULL)

    assert families(resolve_fonts()["heading1"]) == [
        "FandolHei", "WenQuanYi Zen Hei", "Default Sans SC"]


def test_the_only_installed_cjk_only_font_is_the_role_font_and_the_default_follows(make_font):
    make_font("droid.ttf", family="Droid Sans Fallback", chars=CJK_ONLY)

    font = resolve_fonts()["heading1"]

    assert families(font) == ["Droid Sans Fallback", "Default Sans SC"]
    assert font.chain.segments("二、12345/热线受理情况") == [
        ("二、", 0), ("12345/", 1), ("热线受理情况", 0)]


def test_an_official_font_stays_ahead_of_substitutes_whatever_it_lacks(make_font):
    make_font("simhei.ttf", family="SimHei", chars=CJK_ONLY)
    make_font("fandol.ttf", family="FandolHei", chars=FULL)

    assert families(resolve_fonts()["heading1"])[:2] == ["SimHei", "FandolHei"]


def test_a_font_the_user_names_comes_first_in_its_chain(make_font, tmp_path):
    make_font("wqy.ttf", family="WenQuanYi Zen Hei", chars=FULL)
    mine = make_font("mine.ttf", folder=tmp_path / "mine", family="Mine Hei", chars=CJK_ONLY)

    font = resolve_fonts({"heading1": mine})["heading1"]

    assert (font.origin, font.path) == ("user", mine)
    assert families(font) == ["Mine Hei", "WenQuanYi Zen Hei", "Default Sans SC"]


def test_each_character_is_drawn_by_the_first_font_of_the_chain_that_has_it(make_font):
    make_font("droid.ttf", family="Droid Sans Fallback", chars=CJK_ONLY)
    chain = resolve_fonts()["heading1"].chain

    assert chain.segments("（一）本年增/减") == [("（一）本年增", 0), ("/", 1), ("减", 0)]
    assert chain.segments("1. 主动公开") == [("1. ", 1), ("主动公开", 0)]
    assert chain.borrowed("本年增/减 2024") == {1: ["/", "0", "2", "4"]}
    assert chain.missing_chars("本年增/减") == []


def test_whitespace_goes_with_the_text_around_it(make_font):
    make_font("droid.ttf", family="Droid Sans Fallback", chars=CJK_ONLY)
    chain = resolve_fonts()["heading1"].chain

    assert chain.segments("  GB/T 9704 标准") == [("  GB/T 9704 ", 1), ("标准", 0)]


def test_a_character_no_font_of_the_chain_has_is_missing_and_stays_with_the_first_font(
    make_font,
):
    make_font("droid.ttf", family="Droid Sans Fallback", chars=CJK_ONLY)
    chain = resolve_fonts()["heading1"].chain
    rare = "\U0002a6a5"  # 𪚥, CJK Extension B

    assert chain.missing_chars(f"云{rare}大道/1号") == [rare]
    assert chain.segments(f"云{rare}大道") == [(f"云{rare}大道", 0)]
    assert chain.borrowed(f"云{rare}大道") == {}


def test_a_cff_fallback_is_converted_only_when_it_first_draws(make_font):
    make_font("wqy.ttf", family="WenQuanYi Zen Hei", chars=FULL)
    make_font("fandol.otf", family="FandolHei", chars=ALL_GB2312 + ASCII, cff=True)

    font = resolve_fonts()["heading1"]
    (fandol,) = [f for f in font.fallbacks if f.family == "FandolHei"]

    assert (font.family, fandol.outline, fandol.loadable) == ("WenQuanYi Zen Hei", "CFF", False)
    assert fandol.ttf_path == fandol.path  # nothing converted yet
    converted = loadable_font(fandol)
    assert converted.loadable and converted.ttf_path.suffix == ".ttf"
    assert converted.ttf_path.read_bytes()[:4] == b"\0\1\0\0"


def test_a_face_flagged_bold_counts_as_bold_though_it_declares_weight_400(make_font):
    # FandolSong Bold: usWeightClass 400, fsSelection BOLD.
    bold = make_font("fsb.otf", family="FandolSong", style="Bold", weight=400,
                     fs_selection=0x0020)

    title = resolve_fonts()["title"]

    assert (title.path, title.weight, title.synthetic_bold) == (bold, 700, False)


def test_the_title_is_emboldened_only_when_its_font_is_not_bold(make_font):
    make_font("noto-r.ttf", family="Noto Serif CJK SC", weight=400)

    fonts = resolve_fonts()

    assert (fonts["title"].family, fonts["title"].synthetic_bold) == ("Noto Serif CJK SC", True)
    assert [f.synthetic_bold for f in fonts["title"].chain.fonts] == [True, True]
    assert not any(fonts[role].synthetic_bold for role in fonts if role != "title")


def test_the_title_prefers_a_heavy_face_of_the_substitute(make_font):
    make_font("noto-r.ttf", family="Noto Serif CJK SC", weight=400)
    black = make_font("noto-k.ttf", family="Noto Serif CJK SC", style="Black", weight=900)

    title = resolve_fonts()["title"]

    assert (title.path, title.synthetic_bold) == (black, False)


def test_an_official_or_user_named_title_font_is_never_emboldened(make_font, tmp_path):
    # 方正小标宋 is heavy by design but may declare weight 400
    make_font("fzxbs.ttf", family={"en": "FZXiaoBiaoSong-B05S", "zh": "方正小标宋简体"})
    mine = make_font("mine.ttf", folder=tmp_path / "mine", family="Mine Song")

    assert resolve_fonts()["title"].origin == "official"
    assert not resolve_fonts()["title"].synthetic_bold
    assert not resolve_fonts({"title": mine})["title"].synthetic_bold
