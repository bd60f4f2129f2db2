"""The key figures a 图解 presents, read from the report and compared with last year's."""

from __future__ import annotations

from decimal import Decimal

import govreport
from govreport.crossyear import load_previous
from govreport.keyfigures import key_figures, share
from tests.conftest import EXAMPLES, GOV_2021_CITY, LEGACY
from tests.pdfout.conftest import LONG_STATS

SERIES = EXAMPLES / "series"


def figures_of(path, compare=True):
    report = govreport.load(path)
    last = load_previous(report).report if compare and report.previous else None
    return key_figures(report, last, "标题")


def by_key(figures):
    return {f.key: f for f in figures.figures()}


def test_table_2_figures_are_the_values_the_clerk_wrote():
    f = by_key(figures_of(GOV_2021_CITY))
    assert (f["rules.issued"].value, f["rules.in_force"].value) == (3, 56)
    assert (f["normative_docs.issued"].value, f["normative_docs.in_force"].value) == (38, 214)
    assert (f["licensing"].value, f["penalty"].value, f["coercion"].value) == (236418, 14862, 583)


def test_not_applicable_is_no_number():
    f = by_key(figures_of(SERIES / "qingxi-hrss-2022.yaml"))
    assert f["rules.issued"].value is None and f["rules.issued"].change is None


def test_applications_and_applicants_come_from_the_new_row():
    figures = figures_of(GOV_2021_CITY)
    assert figures.received.value == 2846 and figures.carried_over.value == 132
    assert figures.carry_forward.value == 161
    assert [a.value for a in figures.applicants] == [2105, 418, 12, 19, 203, 89]
    assert sum(a.value for a in figures.applicants) == figures.received.value


def test_a_group_outcome_counts_all_its_sub_rows():
    figures = figures_of(GOV_2021_CITY)
    outcomes = {o.label: o.value for o in figures.outcomes}
    # （三）不予公开: 3 + 8 + 5 + 69 + 24 + 43 + 36 + 55 in the 总计 column of its eight rows
    assert outcomes == {"予以公开": 1112, "部分公开": 295, "不予公开": 243, "无法提供": 753,
                        "不予处理": 239, "其他处理": 175}
    assert sum(outcomes.values()) == figures.outcomes_total.value == 2817


def test_litigation_adds_up_direct_suits_and_suits_after_review():
    review, suit = figures_of(GOV_2021_CITY).remedies
    assert (review.total.label, review.total.value) == ("行政复议", 50)
    assert [r.value for r in review.results] == [31, 6, 8, 5]
    assert (suit.total.label, suit.total.value) == ("行政诉讼", 32 + 17)
    assert [r.value for r in suit.results] == [17 + 9, 2 + 1, 6 + 3, 7 + 4]


def test_each_figure_is_compared_with_last_years():
    f = by_key(figures_of(SERIES / "qingxi-hrss-2022.yaml"))
    assert (f["licensing"].value, f["licensing"].last, f["licensing"].change) == (604, 538, 66)
    assert f["apply.new"].change == 57 - 39
    assert f["remedy.review"].change == 0


def test_a_2019_format_year_is_compared_only_where_the_figures_mean_the_same():
    f = by_key(figures_of(SERIES / "qingxi-hrss-2021.yaml"))  # last year: gov-2019
    assert f["licensing"].has_last and f["licensing"].last == 512  # 处理决定数量 in both
    assert f["apply.new"].has_last
    assert not f["normative_docs.in_force"].has_last  # 2019 has 对外公开总数, not 现行有效


def test_without_previous_nothing_is_compared():
    figures = figures_of(GOV_2021_CITY)
    assert not figures.compared and all(f.change is None for f in figures.figures())


def test_a_legacy_report_without_a_table_has_its_outline():
    figures = figures_of(LEGACY)
    assert figures.figures() == []
    assert figures.outline[0] == "政务公开工作开展情况" and len(figures.outline) == 5


def test_a_legacy_reports_statistics_rows_are_its_figures():
    figures = figures_of(LONG_STATS)
    report = govreport.load(LONG_STATS)
    rows = [r for r in report.stats.rows if hasattr(r, "values")]
    assert [f.label for f in figures.stats] == [r.label.value for r in rows]
    assert figures.stats[0].unit == rows[0].unit.value


def test_shares_are_percentages_to_one_decimal():
    assert share(2105, 2846) == Decimal("74.0")
    assert share(1, 3) == Decimal("33.3")
    assert share(5, 0) is None
