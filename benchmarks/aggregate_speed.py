"""Aggregating 300 real-size unit reports (copies of examples/lanzhou-2024.yaml, 10+ pages
each, with other organs and other numbers) into one summary, with an XLSX overview.

    python benchmarks/aggregate_speed.py [--units 300] [--repeat 3]

Measured side by side in fresh processes: `aggregate` (read and check every unit, sum, write
the summary and the overview), `check` of the same units (the part aggregate cannot skip),
and `check` of the summary (X-UNITS reads the 300 units again). Target: aggregate ≤ 5 s
(median). Exit status 1 when it is missed or the summary does not pass `check`.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _measure import govreport_argv, time_command

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "lanzhou-2024.yaml"
TARGET_SECONDS = 5.0
DISTRICTS = ["澜江区", "青溪县", "白沙县", "云岭县", "桃源区", "龙泉市", "梅岭县", "石门县", "凤凰区", "大坪县"]
BUREAUS = ["发展和改革局", "教育局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
           "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局",
           "商务局", "文化广电旅游局", "卫生健康局", "应急管理局", "审计局", "市场监督管理局",
           "统计局", "医疗保障局", "林业局", "城市管理局", "行政审批局", "退役军人事务局",
           "科学技术局", "工业和信息化局", "档案馆", "信访局", "税务局"]
_INT = re.compile(r"(?<![\d.])\d+(?![\d.])")


def variation(text: str, n: int) -> str:
    """Unit n: its own organ; every count of the tables times a factor (so every 总计 and
    every 一 + 二 = 三 + 四 still holds), its own fee."""
    organ = DISTRICTS[n % len(DISTRICTS)] + BUREAUS[n // len(DISTRICTS) % len(BUREAUS)]
    if n >= len(DISTRICTS) * len(BUREAUS):
        organ += f"第{n}分局"
    head, tables = text.split("\ntables:\n")
    tables, tail = tables.split("\nsignoff:")
    factor = 1 + n % 5
    tables = _INT.sub(lambda m: str(int(m.group()) * factor), tables)
    tables = re.sub(r"fees: [\d.]+", f"fees: {1000 + n}.{n * 7919 % 1_000_000:06d}", tables)
    head = head.replace("organ: 澜州市人民政府", f"organ: 澜州市{organ}")
    return f"{head}\ntables:\n{tables}\nsignoff:{tail}"


def generate(folder: Path, count: int) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for n in range(count):
        sub = folder / DISTRICTS[n % len(DISTRICTS)]
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"unit-{n:03d}.yaml").write_text(variation(text, n), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        units, summary = Path(tmp) / "units", Path(tmp) / "汇总.yaml"
        generate(units, args.units)
        size = sum(p.stat().st_size for p in units.rglob("*.yaml")) / args.units / 1024
        check_units = time_command(govreport_argv("check", str(units)), args.repeat)
        aggregate = time_command(govreport_argv(
            "aggregate", str(units), "--organ", "澜州市人民政府", "-o", str(summary), "--force",
            "--overview", str(Path(tmp) / "概况.xlsx")), args.repeat)
        check_summary = time_command(govreport_argv("check", str(summary)), args.repeat)
    ratio = aggregate.median / check_units.median
    print(f"{args.units} units of {size:.0f} KB each (examples/lanzhou-2024.yaml varied):")
    print(f"  aggregate + XLSX overview: median {aggregate.median:.2f} s, peak RSS "
          f"{aggregate.peak_rss_mb:.0f} MB (target ≤ {TARGET_SECONDS} s)")
    print(f"  check of the same units:   median {check_units.median:.2f} s "
          f"(aggregate takes {ratio:.2f}× that)")
    print(f"  check of the summary (X-UNITS over {args.units} units): median "
          f"{check_summary.median:.2f} s, peak RSS {check_summary.peak_rss_mb:.0f} MB")
    return 0 if aggregate.median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
