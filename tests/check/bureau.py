"""A fictional county bureau's 2024 report (gov-2021) whose narrative a test writes itself.

Its tables, in the figures the narrative states:

- table 3: 新收 74 (自然人 52), 上年结转 1, 办结（七）总计 73, 结转下年度 2; 予以公开 30,
  部分公开 10, 不予公开 5 (第三方 4, 过程性 1), 无法提供 20 (不掌握 17, 另行制作 2, 不明确 1),
  不予处理 6 (信访举报投诉 4, 重复 2), 其他处理 2;
- table 4: 行政复议 4 (维持 2, 纠正 1, 尚未审结 1), 行政诉讼 3 = 直接起诉 2 (维持 1, 尚未审结 1)
  + 复议后起诉 1 (维持 1);
- table 2: 规章 不适用, 行政规范性文件 制发 5 / 废止 2 / 现行有效 31, 行政许可 1286,
  行政处罚 37, 行政强制 3, 行政事业性收费 3.5800 万元.
"""

from __future__ import annotations

from pathlib import Path

HEAD = """\
format: gov-2021
organ: 青溪县自然资源局
year: 2024
preface: |
  本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号文件要求编制，统计期限自2024年1月1日起至2024年12月31日止。
sections:
"""

TABLES = """\
tables:
  active:
    rules: 不适用
    normative_docs: {issued: 5, repealed: 2, in_force: 31}
    licensing: 1286
    penalty: 37
    coercion: 3
    fees: 3.5800
  apply:
    new:          [52, 14, 1, 2, 4, 1]
    carried_over: [1, 0, 0, 0, 0, 0]
    granted:      [20, 6, 1, 1, 1, 1]
    partial:      [8, 2, 0, 0, 0, 0]
    denied:
      state_secret:     [0, 0, 0, 0, 0, 0]
      law_prohibited:   [0, 0, 0, 0, 0, 0]
      safety_stability: [0, 0, 0, 0, 0, 0]
      third_party:      [3, 1, 0, 0, 0, 0]
      internal_affairs: [0, 0, 0, 0, 0, 0]
      process_info:     [1, 0, 0, 0, 0, 0]
      enforcement_file: [0, 0, 0, 0, 0, 0]
      admin_query:      [0, 0, 0, 0, 0, 0]
    unable:
      not_held:         [11, 3, 0, 1, 2, 0]
      needs_creation:   [2, 0, 0, 0, 0, 0]
      unclear:          [1, 0, 0, 0, 0, 0]
    not_processed:
      complaint:        [4, 0, 0, 0, 0, 0]
      repeated:         [2, 0, 0, 0, 0, 0]
      publication:      [0, 0, 0, 0, 0, 0]
      excessive:        [0, 0, 0, 0, 0, 0]
      confirmation:     [0, 0, 0, 0, 0, 0]
    other:
      no_correction:    [1, 1, 0, 0, 0, 0]
      fee_unpaid:       [0, 0, 0, 0, 0, 0]
      other:            [0, 0, 0, 0, 0, 0]
    carry_forward: [0, 1, 0, 0, 1, 0]
  remedy:
    review:            [2, 1, 0, 1]
    suit_direct:       [1, 0, 0, 1]
    suit_after_review: [1, 0, 0, 0]
signoff:
  date: 2025-01-24
"""

PROBLEMS = """\
  problems:
    - lead: 存在的主要问题。
      text: 一是部分股室对公开属性认定把握不准；二是政策解读形式较为单一。
    - lead: 改进措施。
      text: 一是开展公开属性认定专题培训；二是推出图解、问答等解读产品。
  other: 无。
"""


def bureau_yaml(overview: str, *, extra: str = "") -> str:
    """The report's text; `overview` is the YAML of `sections.overview` after `overview:`
    (a block scalar `|` or a list), `extra` more section keys (apply:, remedy: …)."""
    return HEAD + "  overview:" + overview + extra + PROBLEMS + TABLES


def write_bureau(folder: Path, overview: str, *, extra: str = "",
                 name: str = "bureau-2024.yaml") -> tuple[Path, str]:
    text = bureau_yaml(overview, extra=extra)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path, text
