"""Reading hostile input in-process: each behaviour that the corpus relies on, one at a time
(and each a crash or a wrong message before it was fixed)."""

from __future__ import annotations

import gc
import re

import pytest

import govreport
from govreport.inputs import BuildError, collect_inputs
from govreport.layout.balance import split_balanced
from govreport.layout.style import text_width
from govreport.reader.context import MAX_FINDINGS
from govreport.reader.keys import SUGGESTIONS
from govreport.source import InputError, read_source
from govreport.yamltree import compose
from tests.conftest import GOV_2021
from tests.hostile.conftest import CORPUS

BASE = (CORPUS / "valid-legacy.yaml").read_text(encoding="utf-8")
COUNT = "licensing: 86"


def findings(path):
    return govreport.check_file(path).findings


def only(path):
    found = findings(path)
    assert len(found) == 1, [str(f) for f in found]
    return found[0]


def at(finding):
    return finding.pos.line, finding.pos.column


# --- positions --------------------------------------------------------------------------------

def test_a_control_character_after_chinese_text_is_reported_at_its_character_column(write):
    """libyaml counts UTF-8 bytes; a column counts characters (三 is one, not three)."""
    f = only(write("c.yaml", "organ: 三三三三\x1b\n"))
    assert at(f) == (1, 12) and "U+001B" in f.message


def test_an_error_at_the_end_of_a_file_without_a_final_line_break_is_on_its_last_line(write):
    """libyaml puts the end of such a file on a line after the last one."""
    f = only(write("t.yaml", "format: legacy\norgan: 泉阳镇人民政府\nyear"))
    assert at(f) == (3, 5) and "缺少冒号" in f.message


@pytest.mark.parametrize("escape", ["\\ud800", "\\U00110000", "\\uZZZZ", "\\xZZ", "\\q"])
def test_a_bad_escape_is_reported_at_its_backslash(write, escape):
    f = only(write("e.yaml", f'organ: "青溪{escape}县"\n'))
    assert at(f) == (1, 11) and f.message.startswith("YAML 语法错误：双引号字符串中")


# --- messages ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a: [1, 2\nb: 3\n",                  # flow sequence not closed
    "a: {x: 1\nb: 3\n",                  # flow mapping not closed
    "a: b: c\n",                         # a colon in a plain value
    "a:\n  - x\n  y: 1\n",               # a key among list items
    "a: *机关\n",                         # a Chinese alias name
    "a: &x1 [1]\nb: &x1[2]\n",           # no space after an anchor
    "%YAML 2.0\n---\na: 1\n",            # a YAML version libyaml refuses
    "a: !e!x 1\n",                       # an undefined tag handle
    "a: |0\n  x\n",                      # an indentation indicator of 0
    "a: 'x\n---\n'\n",                   # a document marker inside quotes
    "%FOO\n---\na: 1\n",                 # an unknown directive
    "- a\nb: 1\n",                        # a key after list items
    "a: 1\n...\nb: 2\n",                  # content after the document end marker
    "a: }\n",                             # a closing brace with nothing open
])
def test_syntax_errors_are_explained_in_chinese(write, text):
    f = findings(write("s.yaml", text))[0]
    assert f.message.startswith("YAML 语法错误：") and "无法解析" not in f.message, f.message
    assert not re.search("[a-z]{4,} [a-z]{4,}", f.message), f.message  # no English sentence


@pytest.mark.parametrize(("written", "says"), [
    ("!!int x0", "应为非负整数，这里是文字“x0”"),
    ("!!float abc", "应为非负整数，这里是文字“abc”"),
    ("!!bool maybe", "应为非负整数，这里是文字“maybe”"),
    ("!!timestamp x", "应为非负整数，这里是文字“x”"),
    ("9" * 5000, "过大（最多 15 位）"),
    ("0x" + "f" * 5000, "过大（最多 15 位）"),
])
def test_a_count_that_is_not_a_sensible_integer_is_an_error_not_a_crash(variant, written, says):
    v = variant(GOV_2021, (COUNT, f"licensing: {written}"))
    f = only(v.path)
    assert at(f) == v.pos_after("licensing: ") and says in f.message
    assert len(f.message) < 200  # the 5000 digits are not quoted back in full


def test_a_date_tagged_timestamp_that_is_no_date_is_an_error(variant):
    v = variant(GOV_2021, ("date: 2025-01-20", "date: !!timestamp 明年"))
    assert "应写成 YYYY-MM-DD，如 2025-01-20，这里是文字“明年”" in only(v.path).message


def test_a_python_tag_is_refused_by_its_short_name(write):
    f = only(write("t.yaml", "a: !!python/object/apply:os.system [ls]\n"))
    assert f.message.startswith("不支持 YAML 标签“!!python/object/apply:os.system”")


@pytest.mark.parametrize("key", ["<<", "="])
def test_yaml_special_keys_are_keys_as_written(write, key):
    f = next(f for f in findings(write("k.yaml", BASE + f"{key}: x\n")) if key in f.message)
    assert at(f) == (7, 1)


def test_a_long_value_is_quoted_shortened_in_a_message(write):
    f = next(f for f in findings(write("f.yaml", BASE.replace("legacy", "x" * 5000)))
             if "format" in f.message)
    assert "这里是“" + "x" * 20 + "…”" in f.message


# --- encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize(("codec", "label"), [
    ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32-le", "UTF-32"),
    ("utf-32-be", "UTF-32")])
def test_a_file_in_utf16_or_utf32_without_a_bom_is_named_as_such(write, codec, label):
    f = only(write("w.yaml", BASE.encode(codec)))
    assert f.message.startswith(f"文件是没有 BOM 的 {label} 编码；请另存为 UTF-8 编码")


def test_binary_data_with_nul_bytes_is_not_taken_for_utf16(write):
    f = only(write("b.yaml", bytes(range(256)) * 16))
    assert "空字节（NUL），这不是文本文件" in f.message


def test_a_utf32_big_endian_bom_is_recognised(write):
    f = only(write("b.yaml", b"\x00\x00\xfe\xff" + BASE.encode("utf-32-be")))
    assert "UTF-16/UTF-32" in f.message and at(f) == (1, 1)


# --- many problems ----------------------------------------------------------------------------

def test_at_most_1000_problems_are_listed_and_the_rest_counted_where_they_start(write):
    path = write("many.yaml", BASE.split("  - heading")[0] + "  - {}\n" * 3000)
    found = findings(path)
    assert len(found) == MAX_FINDINGS + 1 == 1001
    last = found[-1]
    assert at(last) == (4 + MAX_FINDINGS // 2 + 1, 5)  # two problems per empty section
    assert last.message.startswith("从这里起还有 5000 个问题没有列出（每个文件最多列出 1000 个）")


def test_unknown_keys_past_the_first_hundred_list_the_keys_instead_of_a_guess(write):
    path = write("keys.yaml", BASE + "".join(f"organn{i}: 1\n" for i in range(SUGGESTIONS + 1)))
    messages = [f.message for f in findings(path)]
    assert len(messages) == SUGGESTIONS + 1
    assert "是否想写“organ”" in messages[0] and "是否想写" not in messages[-1]
    assert "这里可用的键有：format、organ、year" in messages[-1]


def test_composing_pauses_the_garbage_collector_only_while_it_runs(write):
    assert gc.isenabled()
    compose(read_source(write("ok.yaml", BASE)))
    assert gc.isenabled()
    with pytest.raises(InputError):
        compose(read_source(write("bad.yaml", "a: [\n")))
    assert gc.isenabled()


# --- file names -------------------------------------------------------------------------------

def test_a_previous_path_too_long_for_the_file_system_is_an_x_year_error(write):
    f = only(write("p.yaml", BASE.replace("year: 2017", "year: 2017\nprevious: " + "x" * 5000)))
    assert f.rule == "X-YEAR" and at(f) == (4, 11)
    assert "无法使用：路径或文件名过长" in f.message and len(f.message) < 200


def test_an_input_name_too_long_for_the_file_system_is_a_usage_error(tmp_path):
    with pytest.raises(BuildError, match="路径或文件名过长"):
        collect_inputs([str(tmp_path / ("x" * 300 + ".yaml"))])


# --- titles -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "青溪县ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZ局",  # a word wider than a line
    "（" * 30,                                                    # no legal break anywhere
    "a" * 1000,
])
def test_a_title_with_no_legal_break_is_cut_where_it_must_not_one_character_a_line(text):
    lines = split_balanced(text, 20)
    assert "".join(lines) == text
    assert all(text_width(line) <= 20 for line in lines)
    assert len(lines) <= -(-text_width(text) // 20) + 1
