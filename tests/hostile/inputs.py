"""The hostile inputs made at run time, not committed: files of 10 MB, 10,000 levels of
nesting, 90,000 keys (bad), and the extreme valid reports. The tests read them here, and
so does benchmarks/hostile_inputs.py, which measures time and memory on each of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.hostile.reports import gov2021_report, legacy_report, uniform_tables

CORPUS = Path(__file__).parent / "corpus"
"""The bad inputs small enough to commit, as a clerk's editor saved them."""
BASE = (CORPUS / "valid-legacy.yaml").read_text(encoding="utf-8")
DEEP = 10_000

GENERATED: dict[str, Callable[[], bytes]] = {
    "size-10mb.yaml": lambda: (BASE + "# " + "很长的注释" * 700_000 + "\n").encode(),
    "nesting-flow-10000.yaml": lambda: BASE.replace(
        "organ: 泉阳镇人民政府", "organ: " + "[" * DEEP + "]" * DEEP).encode(),
    "nesting-block-10000.yaml": lambda: BASE.replace(
        "organ: 泉阳镇人民政府", "organ:\n  " + "- " * DEEP + "泉阳镇").encode(),
    "nesting-mapping-10000.yaml": lambda: BASE.replace(
        "organ: 泉阳镇人民政府", "organ: " + "{a: " * DEEP + "}" * DEEP).encode(),
    # 90,000 keys and values: just under the 200,000-node limit, each key a finding
    "many-unknown-keys.yaml": lambda: (BASE + "".join(f"k{i}: 1\n" for i in range(90_000))).encode(),
    "many-duplicate-keys.yaml": lambda: (BASE + "organ: 泉阳镇\n" * 90_000).encode(),
    # 199,000 sections, each missing both of its keys: 398,000 problems, 1,000 listed
    "many-empty-items.yaml": lambda: (BASE.split("  - heading")[0] + "  - {}\n" * 199_000).encode(),
    "long-line.yaml": lambda: (BASE.replace("organ: 泉阳镇人民政府", "organ: 泉阳镇" + ": 泉阳镇" * 400_000)).encode(),
    # 50,000 number references in one paragraph, none of which can be resolved (no statistics
    # table): 50,000 problems, 1,000 listed, each at its `{{`
    "many-unknown-references.yaml": lambda: BASE.replace(
        "本年度主动公开政府信息326条。",
        "本年度主动公开政府信息326条。" + "收到申请{{ stats.收到申请数 }}件，" * 50_000).encode(),
}
"""Bad inputs too big to commit, by file name (under generated/ beside the corpus)."""

SENTENCE = "全年主动公开政府信息426条，其中机构职能、领导分工等基础信息37条；Web端访问量同比增长12.5%。"
LONG = (SENTENCE * (50_000 // len(SENTENCE) + 1))[:50_000]
ORGAN_200 = ("青溪县云岭镇人民政府办公室" * 16)[:196] + "综合中心"
ORGAN_203 = ORGAN_200 + "信息科"
TRILLION = 10**12
ROWS = [{"label": f"指标{i:03d}", "unit": "条", "values": [i, 2 * i]} for i in range(1, 301)]
STATS_COLUMNS = ("2017年", "历年累计")


def just_under_the_size_limit() -> str:
    """A valid legacy report padded with comments to 5.1 million bytes (the limit is 5 MiB)."""
    return legacy_report(ROWS[:3], columns=STATS_COLUMNS) + "# 备注\n" * 570_000


EXTREME: dict[str, Callable[[], str]] = {
    "paragraph of 50,000 characters": lambda: gov2021_report(uniform_tables(1), overview=LONG),
    "organ name of 200 characters": lambda: gov2021_report(uniform_tables(1), organ=ORGAN_200),
    "organ name of 203 characters": lambda: gov2021_report(uniform_tables(1), organ=ORGAN_203),
    "counts of 10^12": lambda: gov2021_report(uniform_tables(TRILLION)),
    "every table cell non-zero": lambda: gov2021_report(uniform_tables(7)),
    "legacy table of 300 rows": lambda: legacy_report(ROWS, columns=STATS_COLUMNS),
    "valid file of 5.1 MB": just_under_the_size_limit,
}
"""Extreme valid reports, by input class."""
