"""govreport: compile a YAML file into a 政府信息公开工作年度报告 (DOCX and PDF).

    import govreport
    report = govreport.load("2024.yaml")        # raises govreport.InputError on bad input
    for finding in govreport.check(report):     # arithmetic, placeholders, last year
        print(finding)
    results = govreport.build(["2024.yaml"], outdir="out")   # DOCX and PDF
"""

from govreport.lazyregex import import_lazily

import_lazily("yaml")  # before any module imports it: libyaml reads, its Python reader's regex waits

from govreport.api import FileCheck, build, check, check_file, load
from govreport.findings import Finding, Severity
from govreport.model import Report
from govreport.source import InputError

__all__ = [
    "FileCheck",
    "Finding",
    "InputError",
    "Report",
    "Severity",
    "build",
    "check",
    "check_file",
    "load",
]

__version__ = "0.1.0"
