"""`check` runs the preflights of the outputs it would build: a character no PDF font can
draw is a GLYPH error in `check`, in `check --json` and in the editor workflow, not first in
`build`."""

from __future__ import annotations

import json

from govreport.cli import main
from tests.conftest import GOV_2021

RARE = "𪚥"  # CJK Extension B: in none of the fonts a machine has here


def with_rare_character(variant):
    return variant(GOV_2021, ("organ: 青溪县云岭镇人民政府", f"organ: 青溪县云岭{RARE}镇人民政府"))


def test_check_reports_a_character_no_pdf_font_has(variant, capsys):
    v = with_rare_character(variant)
    assert main(["check", str(v.path)]) == 1
    out = capsys.readouterr().out
    line, column = v.pos(RARE)
    assert f"{v.path}:{line}:{column}: error GLYPH:" in out


def test_check_json_carries_the_glyph_finding(variant, capsys):
    v = with_rare_character(variant)
    assert main(["check", str(v.path), "--json"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["files"]
    assert "GLYPH" in {f["rule"] for f in result["findings"]} and not result["ok"]


def test_check_for_the_docx_alone_has_no_pdf_preflight(variant, capsys):
    v = with_rare_character(variant)
    assert main(["check", str(v.path), "--to", "docx"]) == 0
    assert "GLYPH" not in capsys.readouterr().out
