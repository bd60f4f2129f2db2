"""A generated county: the reports of its departments and townships, as a compiling office
receives them, with what the summary must add up to worked out here independently.

Each unit is a real-size report (the narrative of a real-looking township or department
report, with the unit's own name) whose tables are random but balance (table 3's 一 + 二 =
（七） + 四). Departments have no rule-making power (规章 不适用), several have no licensing or
penalty power, fees have six decimals. The expected sums are plain Python over the drawn
numbers, not govreport's code.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from tests.conftest import EXAMPLES
from tests.hostile.reports import (
    ACTIVE_COUNTS,
    ACTIVE_GROUPS,
    COLUMNS,
    REMEDY_ROWS,
    RESULT_LEAVES,
    dump,
    gov2021_tables,
)

NA = "不适用"
TOWNSHIP_TEXT = (EXAMPLES / "yunling-2024.yaml").read_text(encoding="utf-8")
DEPARTMENT_TEXT = (EXAMPLES / "series" / "qingxi-hrss-2022.yaml").read_text(encoding="utf-8")

TOWNSHIPS = ["云岭镇", "白沙镇", "青石镇", "桃源镇", "龙泉镇", "梅岭乡", "石门乡", "大坪乡",
             "凤凰山乡", "清溪街道", "城东街道", "城西街道"]
DEPARTMENTS = ["人民政府办公室", "发展和改革委员会", "教育体育局", "科学技术局", "工业和信息化局",
               "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源局",
               "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局",
               "文化广电旅游局", "卫生健康委员会", "退役军人事务局", "应急管理局", "审计局",
               "市场监督管理局", "统计局", "医疗保障局", "林业局", "城市管理局", "行政审批局"]
NO_LICENSING = {"审计局", "统计局", "退役军人事务局", "人民政府办公室"}
NO_PENALTY = {"人民政府办公室", "发展和改革委员会", "科学技术局", "退役军人事务局", "行政审批局"}


def organ_of(county: str, short: str) -> str:
    if short.endswith("街道"):
        return f"{county}{short}办事处"
    if short.endswith(("镇", "乡")):
        return f"{county}{short}人民政府"
    return f"{county}{short}"


@dataclass
class Unit:
    organ: str
    path: Path
    tables: dict[str, object]  # the `tables:` mapping as written


@dataclass
class County:
    name: str
    folder: Path
    units: list[Unit] = field(default_factory=list)

    def unit(self, short: str) -> Unit:
        organ = organ_of(self.name, short)
        return next(u for u in self.units if u.organ == organ)


def random_tables(rng: random.Random, short: str) -> dict[str, object]:
    """Tables 2–4 of one unit: balanced table 3, table 2 as such a unit fills it."""
    township = short.endswith(("镇", "乡", "街道"))
    busy = rng.choice([1, 2, 5]) if not township else 1

    def six(high: int) -> list[int]:
        # Most rows are 0 in a county's report, and most applicants are natural persons.
        return [rng.choice([0] * 9 + [rng.randint(1, max(1, high // 3))]) if c
                else rng.choice([0, 0, rng.randint(1, high)]) for c in range(COLUMNS)]

    results = {leaf: six(3 * busy) for leaf in RESULT_LEAVES}
    carry_forward = six(busy)
    finished = [sum(results[leaf][c] for leaf in RESULT_LEAVES) + carry_forward[c]
                for c in range(COLUMNS)]
    carried_over = [rng.randint(0, min(f, 3)) for f in finished]
    active: dict[str, object] = {
        "rules": NA,
        "normative_docs": {"issued": rng.randint(0, 5), "repealed": rng.randint(0, 3),
                           "in_force": rng.randint(5, 40)},
        "licensing": NA if short in NO_LICENSING else rng.randint(0, 900),
        "penalty": NA if short in NO_PENALTY else rng.randint(0, 120),
        "coercion": NA if short in NO_PENALTY else rng.randint(0, 8),
        "fees": Decimal(rng.randint(0, 9_999_999_999)).scaleb(-6)
        if rng.random() < 0.6 else NA,
    }
    assert set(active) == {*ACTIVE_GROUPS, *ACTIVE_COUNTS, "fees"}
    remedy = {key: [rng.choice([0, 0, rng.randint(0, 3)]) for _ in range(4)] for key in REMEDY_ROWS}
    return gov2021_tables(results, carry_forward, carried_over, active, remedy).data


def unit_text(organ: str, tables: dict[str, object], year: int = 2024) -> str:
    """The unit's report: a real report's narrative under its own name, with its tables."""
    township = organ.endswith(("人民政府", "办事处"))
    text = TOWNSHIP_TEXT if township else DEPARTMENT_TEXT
    old_organ = "青溪县云岭镇人民政府" if township else "青溪县人力资源和社会保障局"
    text = text.replace(old_organ, organ).replace("previous: qingxi-hrss-2021.yaml\n", "")
    text = text.replace("year: 2022\n", f"year: {year}\n").replace("year: 2024\n", f"year: {year}\n")
    head, rest = text.split("\ntables:\n")
    _, tail = rest.split("\nsignoff:")
    # Signed in January after the report year, as the real reports the text comes from were
    # (a sign-off within the year is a DEADLINE warning).
    tail = re.sub(r"date: \d{4}-", f"date: {year + 1}-", tail, count=1)
    return f"{head}\n{dump({'tables': tables})}\nsignoff:{tail}"


def make_county(folder: Path, name: str = "青溪县", seed: int = 2024, year: int = 2024,
                towns: int = len(TOWNSHIPS), departments: int = len(DEPARTMENTS)) -> County:
    """Write a county's unit reports: 部门/*.yaml and 乡镇/*.yaml (40 units by default)."""
    rng = random.Random(seed)
    county = County(name, folder)
    for short in [*DEPARTMENTS[:departments], *TOWNSHIPS[:towns]]:
        sub = "乡镇" if short.endswith(("镇", "乡", "街道")) else "部门"
        path = folder / sub / f"{short}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        organ = organ_of(name, short)
        tables = random_tables(rng, short)
        path.write_text(unit_text(organ, tables, year), encoding="utf-8")
        county.units.append(Unit(organ, path, tables))
    return county


def cells(tables: dict[str, object]) -> dict[str, object]:
    """Every input cell of a `tables:` mapping by path (`apply.denied.third_party.3`,
    `active.normative_docs.issued`, `active.rules.in_force` for a whole-item 不适用)."""
    out: dict[str, object] = {}
    active = tables["active"]
    assert isinstance(active, dict)
    for key, value in active.items():
        if key in ACTIVE_GROUPS:
            for field_key in ("issued", "repealed", "in_force"):
                out[f"active.{key}.{field_key}"] = value if value == NA else value[field_key]
        else:
            out[f"active.{key}"] = value
    for table in ("apply", "remedy"):
        rows = tables[table]
        assert isinstance(rows, dict)
        for key, row in rows.items():
            items = row.items() if isinstance(row, dict) else [(None, row)]
            for sub, numbers in items:
                path = f"{table}.{key}.{sub}" if sub else f"{table}.{key}"
                for i, n in enumerate(numbers):
                    out[f"{path}.{i}"] = n
    return out


def expected_sums(units: list[Unit]) -> dict[str, object]:
    """What the summary's cells must be: sums, 不适用 only where every unit says 不适用."""
    per_unit = [cells(u.tables) for u in units]
    out: dict[str, object] = {}
    for path in per_unit[0]:
        values = [c[path] for c in per_unit if c[path] != NA]
        out[path] = sum(values[1:], start=values[0]) if values else NA
    return out


class _ExactLoader(yaml.SafeLoader):
    """Reads 24252.311082 as that Decimal, not as the nearest float."""


_ExactLoader.add_constructor("tag:yaml.org,2002:float",
                             lambda loader, node: Decimal(loader.construct_scalar(node)))


def load_yaml(path: Path) -> dict[str, object]:
    """A file as plain data (amounts exact), read without govreport."""
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ExactLoader)
