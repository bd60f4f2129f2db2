"""Valid reports made to measure: gov-2021 tables that balance by construction, long texts,
big legacy tables. Each knows every number its tables print, to look for in the outputs.

The keys and the arithmetic are the input contract's (input-format.md), written out here
rather than read from govreport's format files, so that the tests check govreport against the
contract and not against itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import yaml

COLUMNS = 6  # 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他
RESULT_ROWS: dict[str, tuple[str, ...]] = {  # （一）…（六）: a row, or a group of sub-rows
    "granted": (),
    "partial": (),
    "denied": ("state_secret", "law_prohibited", "safety_stability", "third_party",
               "internal_affairs", "process_info", "enforcement_file", "admin_query"),
    "unable": ("not_held", "needs_creation", "unclear"),
    "not_processed": ("complaint", "repeated", "publication", "excessive", "confirmation"),
    "other": ("no_correction", "fee_unpaid", "other"),
}
RESULT_LEAVES = [f"{row}.{sub}" if sub else row
                 for row, subs in RESULT_ROWS.items() for sub in (subs or ("",))]
REMEDY_ROWS = ("review", "suit_direct", "suit_after_review")
ACTIVE_GROUPS = ("rules", "normative_docs")
ACTIVE_COUNTS = ("licensing", "penalty", "coercion")

Row = Sequence[int]


@dataclass
class Tables:
    """The `tables:` mapping of a gov-2021 report and every number its three tables print."""

    data: dict[str, object]
    printed: list[str] = field(default_factory=list)


def column_sums(rows: Sequence[Row]) -> list[int]:
    return [sum(column) for column in zip(*rows, strict=True)]


def gov2021_tables(results: Mapping[str, Row], carry_forward: Row, carried_over: Row,
                   active: Mapping[str, object], remedy: Mapping[str, Row]) -> Tables:
    """Table 3 balanced by construction: 一、新收 = （七）总计 + 四、结转 − 二、上年结转.

    `results` has the six numbers of each result row in RESULT_LEAVES; `active` maps
    rules / normative_docs to {issued, repealed, in_force}, and licensing / penalty /
    coercion / fees to a value (an int, a Decimal for fees, or "不适用"); `remedy` has the
    four numbers of each REMEDY_ROWS row.
    """
    total = column_sums([results[leaf] for leaf in RESULT_LEAVES])
    new = [t + f - c for t, f, c in zip(total, carry_forward, carried_over, strict=True)]
    assert min(new) >= 0, "carried_over larger than what was finished and carried forward"
    printed: list[str] = []

    def row(numbers: Row) -> list[int]:
        printed.extend(str(n) for n in (*numbers, sum(numbers)))
        return list(numbers)

    apply: dict[str, object] = {"new": row(new), "carried_over": row(carried_over)}
    for key, subs in RESULT_ROWS.items():
        apply[key] = {sub: row(results[f"{key}.{sub}"]) for sub in subs} if subs else \
            row(results[key])
    row(total)  # （七）总计 is computed and printed, not written
    apply["carry_forward"] = row(carry_forward)
    remedy_data = {key: row(remedy[key]) for key in REMEDY_ROWS}
    active_data: dict[str, object] = {}
    for key in (*ACTIVE_GROUPS, *ACTIVE_COUNTS, "fees"):
        value = active[key]
        active_data[key] = value
        values = value.values() if isinstance(value, dict) else [value]
        printed.extend(_printed(v) for v in values)
    return Tables({"active": active_data, "apply": apply, "remedy": remedy_data}, printed)


def _printed(value: object) -> str:
    if value == "不适用":
        return "/"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def uniform_tables(value: int) -> Tables:
    """Every input cell of tables 2–4 is `value` (so every printed cell is non-zero)."""
    six = [value] * COLUMNS
    return gov2021_tables(
        results={leaf: six for leaf in RESULT_LEAVES}, carry_forward=six, carried_over=six,
        active={"rules": {"issued": value, "repealed": value, "in_force": value},
                "normative_docs": {"issued": value, "repealed": value, "in_force": value},
                "licensing": value, "penalty": value, "coercion": value,
                "fees": Decimal(value)},
        remedy={key: [value] * 4 for key in REMEDY_ROWS})


def gov2021_report(tables: Tables, *, organ: str = "青溪县云岭镇人民政府", year: int = 2024,
                   overview: object = "全年主动公开政府信息426条。",
                   problems: object = "一是公开内容不够全面；二是解读形式较为单一。",
                   other: object = "无。", **extra: object) -> str:
    """The YAML text of a complete gov-2021 report."""
    data: dict[str, object] = {
        "format": "gov-2021", "organ": organ, "year": year, **extra,
        "sections": {"overview": overview, "problems": problems, "other": other},
        "tables": tables.data,
        "signoff": {"date": dt.date(year + 1, 1, 20)},
    }
    return dump(data)


def legacy_report(rows: Sequence[Mapping[str, object]], *, columns: Sequence[str] = ("数量",),
                  organ: str = "泉阳镇人民政府", year: int = 2017) -> str:
    """The YAML text of a legacy report with one statistics table after its sections."""
    data = {
        "format": "legacy", "organ": organ, "year": year,
        "sections": [{"heading": "概述", "body": "本年度主动公开政府信息326条。"},
                     {"heading": "存在的主要问题及改进措施", "body": "政策解读不够通俗。"}],
        "tables": {"stats": {"columns": list(columns), "rows": list(rows)}},
        "signoff": {"date": dt.date(year + 1, 3, 1)},
    }
    return dump(data)


def dump(data: object) -> str:
    """YAML as a clerk's script would write it: UTF-8 text, no line folding, keys in order."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=float("inf"), default_flow_style=None)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Decimal, lambda d, v: d.represent_scalar(
    "tag:yaml.org,2002:float", format(v, "f")))
