"""`govreport aggregate`: a county's (city's, province's) summary report from its units'.

- `units`: a summary's `units:` resolved, read, checked for cycles;
- `sums`: adding the units' cells (exact, 不适用 aware);
- `check`: rule X-UNITS, run by `check` for every file with `units:`;
- `registry`: the list of units expected to report (`--units`);
- `gather`: loading and checking the units of one run, matching them to the registry;
- `summary`: writing a new summary, or updating the tables and units of an existing one;
- `spans`: where a top-level value stands in a YAML text, for that update;
- `overview`: the per-unit sheet (CSV or XLSX) a compiling office circulates.
"""
