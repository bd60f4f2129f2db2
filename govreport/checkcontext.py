"""What the check rules share for one report: the report, the options, last year's report."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from govreport.model import Report

if TYPE_CHECKING:
    from govreport.aggregate.units import LoadedUnits
    from govreport.crossyear import Previous


@dataclass
class CheckContext:
    report: Report
    similar_threshold: float

    @cached_property
    def previous(self) -> Previous | None:
        """Last year's report as `previous:` names it (read once for all X- rules)."""
        if self.report.previous is None:
            return None
        from govreport.crossyear import load_previous

        return load_previous(self.report)

    @cached_property
    def last(self) -> Report | None:
        """Last year's report when it is usable for comparing: readable and of year − 1."""
        previous = self.previous
        if previous is None or previous.report is None or self.report.year is None:
            return None
        if self.report.format is None or previous.report.year != self.report.year - 1:
            return None
        return previous.report

    @cached_property
    def units(self) -> LoadedUnits:
        """A summary's unit reports as `units:` names them (read once, for X-UNITS)."""
        from govreport.aggregate.units import load_units

        return load_units(self.report)
