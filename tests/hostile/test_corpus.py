"""The bad-input corpus: every file gets a Chinese message at its position from `check` and
from `build`, and `build` writes nothing. (The time and memory each takes:
benchmarks/hostile_inputs.py.)

Small files are in `corpus/` as a clerk's editor saved them (GBK, UTF-16, binary, tabs);
big ones (10 MB, 10,000 levels of nesting, 90,000 keys) are made at test time (inputs.py).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.hostile.conftest import CORPUS, files_under, run_govreport
from tests.hostile.inputs import BASE, GENERATED

CHINESE = re.compile("[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Bad:
    """A bad input: where its first error is, which rule, and a phrase of the message."""

    name: str
    line: int
    column: int
    says: str
    rule: str = "SCHEMA"
    also: tuple[str, ...] = field(default=())  # other lines `check` must print
    or_later: bool = False  # the column may be further right on the line (see NESTING)


CASES = [
    # YAML syntax
    # unclosed: where the bracket or quote opened, and the line where the parser noticed
    Bad("syntax-unclosed-bracket.yaml", 2, 8, "方括号“[”没有闭合：解析到第 3 行“year: 2017”时"),
    Bad("syntax-unclosed-quote.yaml", 2, 8,
        "双引号“\"”没有闭合：第 3 行“year: 2017”起的内容都被读成了引号中的文字，直到文件末尾（第 4 行）"),
    Bad("syntax-unclosed-brace.yaml", 11, 9, "花括号“{”没有闭合：解析到第 12 行"),
    Bad("syntax-unclosed-nested.yaml", 11, 43, "方括号“[”没有闭合：第 11 行的右花括号“}”之前"),
    Bad("syntax-unclosed-single-quote.yaml", 5, 14, "单引号“'”没有闭合：第 6 行“body: 本年度"),  # CRLF
    Bad("syntax-quote-closed-later.yaml", 4, 10, "第 5 行“sections:”被读成了引号中的文字，解析到第 7 行才出错"),
    Bad("syntax-bad-indent.yaml", 3, 7, "请检查缩进"),
    Bad("syntax-colon-in-text.yaml", 6, 13, "含冒号的文字加引号"),
    Bad("tab-indent.yaml", 5, 1, "制表符（Tab）"),
    Bad("duplicate-key.yaml", 7, 1, "键“organ”重复（第一次出现在第 2 行第 1 列）"),
    Bad("multiple-documents.yaml", 7, 1, "多个 YAML 文档"),
    Bad("undefined-alias.yaml", 2, 8, "未定义的锚点“*organ_name”"),
    Bad("chinese-anchor-name.yaml", 2, 9, "只能用英文字母"),
    Bad("python-object-tag.yaml", 2, 8, "不支持 YAML 标签“!!python/object/apply:os.system”"),
    Bad("complex-key.yaml", 7, 3, "不支持以列表或映射作为键"),
    Bad("merge-key.yaml", 3, 1, "不支持 YAML 合并键“<<”"),
    Bad("top-level-list.yaml", 1, 1, "最外层应为映射"),
    Bad("top-level-text.yaml", 1, 1, "最外层应为映射"),
    # wrong types
    Bad("wrong-types.yaml", 2, 8, "发布机关（organ）应为文字，这里是一个列表"),
    Bad("int-tag-on-text.yaml", 3, 7, "应为 2008–2100 之间的整数，这里是文字“二〇一七”"),
    Bad("timestamp-tag-on-text.yaml", 7, 17, "应写成 YYYY-MM-DD"),
    Bad("huge-integer.yaml", 3, 7, "应在 2008–2100 之间"),
    # encodings and bytes
    Bad("gbk-with-error.yaml", 3, 7, "应在 2008–2100 之间",
        also=("gbk-with-error.yaml:2:8: warning ENCODING: 文件不是 UTF-8 编码，已按 GB18030",)),
    Bad("utf16-bom.yaml", 1, 1, "UTF-16/UTF-32 编码；请另存为 UTF-8"),
    Bad("utf16-no-bom.yaml", 1, 1, "没有 BOM 的 UTF-16 编码"),
    Bad("utf32-bom.yaml", 1, 1, "UTF-16/UTF-32 编码"),
    Bad("binary-png.yaml", 3, 1, "空字节（NUL），这不是文本文件"),
    Bad("nul-byte.yaml", 6, 25, "空字节（NUL）"),
    Bad("neither-utf8-nor-gbk.yaml", 2, 8, "既不是 UTF-8 编码也不是 GB18030/GBK"),
    Bad("damaged-utf8.yaml", 5, 15, "损坏的字节"),
    Bad("empty.yaml", 1, 1, "文件为空"),
    Bad("comments-only.yaml", 1, 1, "文件为空"),
    Bad("bom-only.yaml", 1, 1, "文件为空"),
    # characters python-docx refuses, and escapes that YAML refuses
    Bad("control-char-raw.yaml", 6, 25, "不允许的字符 U+001B"),
    Bad("control-char-escaped.yaml", 6, 19, "控制字符或无效字符 U+0007"),
    Bad("nul-escaped.yaml", 2, 12, "U+0000"),
    Bad("noncharacter.yaml", 5, 17, "U+FFFE"),
    Bad("lone-surrogate.yaml", 2, 12, "单独的代理项"),
    Bad("lone-surrogate-bytes.yaml", 2, 13, "损坏的字节"),  # a surrogate encoded as UTF-8
    Bad("bad-escape.yaml", 2, 11, "无法识别的转义符"),
    Bad("bidi-override.yaml", 2, 11, "文字方向控制符 U+202E"),
    # bombs
    Bad("alias-bomb.yaml", 12, 12, "“十亿笑”"),
    Bad("recursive-alias.yaml", 7, 17, "别名“*t”在锚点“&t”自己的内容里引用了它"),
    Bad("generated/size-10mb.yaml", 1, 1, "超过 5 MB 的上限"),
    # NESTING: depth 65 is refused; inside [ ] and { } the libyaml bundled with newer PyYAML
    # stops first at its own limit (~1,000 levels, read ahead), further right on the line.
    Bad("generated/nesting-flow-10000.yaml", 2, len("organ: ") + 64, "嵌套层级过深", or_later=True),
    Bad("generated/nesting-block-10000.yaml", 3, len("  ") + 2 * 64 - 1, "嵌套层级过深（超过 64 层）"),
    Bad("generated/nesting-mapping-10000.yaml", 2, len("organ: ") + 4 * 64 - 3, "嵌套层级过深",
        or_later=True),
    Bad("generated/many-unknown-keys.yaml", 7, 1, "未知的键“k0”"),
    Bad("generated/many-duplicate-keys.yaml", 7, 1, "键“organ”重复"),
    Bad("generated/many-empty-items.yaml", 5, 5, "第 1 个章节 中缺少“heading”",
        also=("generated/many-empty-items.yaml:505:5: error SCHEMA: 从这里起还有 397000 个问题没有列出",)),
    Bad("generated/long-line.yaml", 2, len("organ: 泉阳镇") + 1, "不能出现冒号"),
    Bad("generated/many-unknown-references.yaml", 6, len("    body: 本年度主动公开政府信息326条。收到申请") + 1,
        "未知的数字引用“{{ stats.收到申请数 }}”：本报告没有统计表（tables.stats）",
        also=("error SCHEMA: 从这里起还有 49000 个问题没有列出",)),
    # previous:
    Bad("previous-missing.yaml", 4, 11, "找不到上一年度报告“2016/泉阳镇.yaml”", rule="X-YEAR"),
    Bad("previous-self.yaml", 4, 11, "指向了本文件自身", rule="X-YEAR"),
    Bad("previous-dir.yaml", 4, 11, "指向的是文件夹", rule="X-YEAR"),
    Bad("previous-cycle-b.yaml", 4, 11, "是 2017 年度的，本报告是 2016 年度", rule="X-YEAR"),
    Bad("previous-too-long.yaml", 4, 11, "路径或文件名过长", rule="X-YEAR"),
    Bad("previous-binary.yaml", 4, 11, "无法读取上一年度报告“binary-png.yaml”：3 行 1 列：文件中有空字节",
        rule="X-YEAR"),
    Bad("previous-device.yaml", 4, 11, "不是普通文件（而是设备、管道等）", rule="X-YEAR"),
]

def input_class(case: Bad) -> str:
    return Path(case.name).stem


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus folder as the tests see it: the committed files, plus generated/."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(CORPUS, folder, dirs_exist_ok=True)
    (folder / "generated").mkdir()
    for name, make in GENERATED.items():
        (folder / "generated" / name).write_bytes(make())
    return folder


def expected_line(case: Bad) -> str:
    return f"{case.name}:{case.line}:{case.column}: error {case.rule}: "


def assert_reported(case: Bad, output: str) -> None:
    assert "Traceback" not in output, output
    if case.or_later:
        pattern = re.compile(rf"^{re.escape(case.name)}:{case.line}:(\d+): error {case.rule}: ")
        found = [(m, line) for line in output.splitlines() if (m := pattern.match(line))]
        assert found and int(found[0][0].group(1)) >= case.column, output[:2000]
        message = found[0][1][found[0][0].end():]
        assert CHINESE.search(message) and case.says in message, message
        return
    lines = [line for line in output.splitlines() if line.startswith(expected_line(case))]
    assert lines, f"no “{expected_line(case)}…” in:\n{output[:2000]}"
    message = lines[0][len(expected_line(case)):]
    assert CHINESE.search(message) and case.says in message, message


@pytest.mark.parametrize("case", CASES, ids=input_class)
def test_check_reports_the_first_error_at_its_position(corpus: Path, case: Bad) -> None:
    if case.name == "previous-device.yaml" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    run = run_govreport(["check", case.name], corpus)
    assert run.returncode == 1, run.output
    assert_reported(case, run.stdout)
    for line in case.also:
        assert line in run.stdout


@pytest.mark.parametrize("case", CASES, ids=input_class)
def test_build_reports_the_same_error_and_writes_nothing(corpus: Path, tmp_path: Path,
                                                         case: Bad) -> None:
    if case.name == "previous-device.yaml" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    before = files_under(corpus)
    out = tmp_path / "out"
    run = run_govreport(["build", case.name, "-o", str(out)], corpus)
    assert run.returncode == 1, run.output
    assert_reported(case, run.output)
    assert files_under(out) == []
    assert files_under(corpus) == before


def test_every_committed_corpus_file_is_a_case() -> None:
    """A file added to corpus/ without an expectation would silently test nothing."""
    named = {c.name for c in CASES if not c.name.startswith("generated/")}
    named |= {"valid-legacy.yaml", "gbk-valid.yaml", "previous-cycle-a.yaml"}
    assert {p.name for p in CORPUS.iterdir() if p.suffix == ".yaml"} == named


def test_a_gbk_file_is_read_with_a_warning_at_its_first_chinese_character(corpus: Path) -> None:
    run = run_govreport(["check", "gbk-valid.yaml"], corpus)
    assert run.returncode == 0, run.output
    assert run.stdout.startswith(
        "gbk-valid.yaml:2:8: warning ENCODING: 文件不是 UTF-8 编码，已按 GB18030（GBK）读取")


def test_a_gbk_file_builds_with_its_chinese_text_intact(corpus: Path, tmp_path: Path) -> None:
    import docx

    run = run_govreport(["build", "gbk-valid.yaml", "-o", str(tmp_path)], corpus)
    assert run.returncode == 0, run.output
    assert "warning ENCODING" in run.output
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "gbk-valid.docx")).paragraphs)
    assert "泉阳镇人民政府" in text and "本年度主动公开政府信息326条。" in text
    assert sorted(p.name for p in files_under(tmp_path)) == ["gbk-valid.docx", "gbk-valid.pdf"]


def test_a_cycle_of_previous_files_is_followed_one_level_only(corpus: Path) -> None:
    """a → b → a: reading a reads b but not b's own previous, so nothing loops; b is 2016
    and a is 2017, so a is fine and b (whose previous is a later year) is the error above."""
    run = run_govreport(["check", "previous-cycle-a.yaml", "previous-cycle-b.yaml"], corpus)
    assert run.returncode == 1
    assert not [line for line in run.stdout.splitlines()
                if line.startswith("previous-cycle-a.yaml") and " error " in line]
    assert "previous-cycle-b.yaml:4:11: error X-YEAR" in run.stdout


# --- usage errors: exit status 2, a Chinese message, nothing written -------------------------

USAGE = {
    "missing-file": (["check", "没有这个文件.yaml"], "找不到文件或文件夹：没有这个文件.yaml"),
    "folder-without-yaml": (["check", "empty-folder"], "中没有 .yaml 或 .yml 文件"),
    "name-too-long": (["check", "长" * 300 + ".yaml"], "路径或文件名过长"),
    "device": (["check", "/dev/zero"], "不是普通文件或文件夹"),
    "fifo": (["check", "pipe.yaml"], "不是普通文件或文件夹"),
    "output-is-a-file": (["build", "report.yaml", "-o", "report.yaml"], "已存在且不是文件夹"),
    "unknown-format": (["build", "report.yaml", "--to", "rtf"], "不支持的输出格式“rtf”"),
}


@pytest.mark.parametrize("name", USAGE)
def test_usage_errors_exit_2_with_a_chinese_message(tmp_path: Path, name: str) -> None:
    args, says = USAGE[name]
    if name == "device" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    if name == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no named pipes here")
        os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "report.yaml").write_text(BASE, encoding="utf-8")
    before = files_under(tmp_path)
    run = run_govreport(args, tmp_path)
    assert run.returncode == 2, run.output
    assert "Traceback" not in run.output
    assert run.stderr.startswith("govreport: ") and says in run.stderr, run.stderr
    assert files_under(tmp_path) == before
