"""Open a workbook in LibreOffice Calc, recalculate every formula, and read back what it shows,
for the ``render`` tests.

LibreOffice by default trusts the cached results of an XLSX it opens ("never recalculate"); a
throwaway profile sets Calc's OOXMLRecalcMode to "always", so the figures read back are
LibreOffice's own. To make sure of it, `stale_cached_values` rewrites every cached result of a
workbook to a wrong one first.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from tests.support.rendering import ToolFailedError, _run, find_soffice

_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
# Every sheet as CSV (the last token, -1), UTF-8 (76), cells as shown (the 9th token, true).
_CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1'
_CACHED = re.compile(r"(</f><v>)[^<]*(</v>)")


def stale_cached_values(data: bytes, wrong: str = "-1") -> bytes:
    """The workbook with every formula's cached result replaced by `wrong`."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                body = _CACHED.sub(rf"\g<1>{wrong}\2", body.decode("utf-8")).encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def recalculated_sheets(xlsx: bytes, sheet_names: list[str], *,
                        timeout: float = 180.0) -> dict[str, list[list[str]]]:
    """Each sheet's cells as LibreOffice shows them after recalculating the workbook."""
    with tempfile.TemporaryDirectory(prefix="lo-calc-") as tmp:
        root = Path(tmp)
        profile = root / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
        source = root / "book.xlsx"
        source.write_bytes(xlsx)
        out = root / "csv"
        env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
        env.setdefault("LC_ALL", "C.UTF-8")
        cmd = [find_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
               "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
               "--convert-to", _CSV_FILTER, "--outdir", str(out), str(source)]
        _run(cmd, timeout=timeout, env=env, cwd=root)
        sheets = {}
        for name in sheet_names:
            path = out / f"book-{name}.csv"
            if not path.is_file():
                found = sorted(p.name for p in out.glob("*")) if out.is_dir() else []
                raise ToolFailedError(f"LibreOffice wrote no CSV for sheet {name}: {found}")
            with path.open(encoding="utf-8", newline="") as f:
                sheets[name] = list(csv.reader(f))
        shutil.rmtree(out, ignore_errors=True)
        return sheets
