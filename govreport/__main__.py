"""`python -m govreport`."""

from govreport.cli import run

run()
