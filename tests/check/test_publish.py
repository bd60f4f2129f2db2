"""The optional `publish` block (contract v2): the website the report goes on, read with a
position for every value and a Chinese message for every way it can be wrong."""

from __future__ import annotations

import json

import jsonschema
import yaml

import govreport
from govreport.cli import app
from govreport.layout.build import build_document
from govreport.layout.document import Publish
from tests.conftest import GOV_2021, GOV_2021_CITY

SIGNOFF = "signoff:\n  date: 2025-01-20\n"


def with_publish(variant, block: str):
    return variant(GOV_2021, (SIGNOFF, SIGNOFF + block))


def errors(path):
    return [f for f in govreport.check_file(path).findings if f.is_error]


def test_a_full_block_reaches_the_layout_documents_meta(variant):
    v = with_publish(variant, "publish:\n  site_name: 青溪县人民政府门户网站\n"
                              "  site_domain: www.qingxi.example\n  site_id_code: '3699240001'\n")
    assert errors(v.path) == []
    meta = build_document(govreport.load(v.path)).meta
    assert meta.publish == Publish("青溪县人民政府门户网站", "www.qingxi.example", "3699240001")


def test_every_key_is_optional(variant):
    v = with_publish(variant, "publish:\n  site_name: 青溪县人民政府门户网站\n")
    assert errors(v.path) == []
    assert build_document(govreport.load(v.path)).meta.publish == Publish("青溪县人民政府门户网站")


def test_a_report_without_the_block_has_no_publish_meta():
    assert build_document(govreport.load(GOV_2021)).meta.publish is None


def test_a_domain_with_its_scheme_is_an_error_at_the_value(variant):
    v = with_publish(variant, "publish:\n  site_domain: https://www.qingxi.example/\n")
    (f,) = errors(v.path)
    assert (f.pos.line, f.pos.column) == v.pos("https://")
    assert "不写 http://" in f.message


def test_a_domain_with_a_path_is_an_error(variant):
    v = with_publish(variant, "publish:\n  site_domain: www.qingxi.example/col/nb\n")
    (f,) = errors(v.path)
    assert "应为域名" in f.message and "www.qingxi.example/col/nb" in f.message


def test_an_identification_code_of_the_wrong_length_says_how_long_it_is(variant):
    v = with_publish(variant, "publish:\n  site_id_code: '36992400'\n")
    (f,) = errors(v.path)
    assert (f.pos.line, f.pos.column) == v.pos("36992400")
    assert "10 位" in f.message and "8 个字符" in f.message


def test_a_misspelt_key_gets_a_did_you_mean(variant):
    v = with_publish(variant, "publish:\n  site_domian: www.qingxi.example\n")
    (f,) = errors(v.path)
    assert "site_domian" in f.message and "site_domain" in f.message


def test_a_block_that_is_not_a_mapping_is_an_error(variant):
    v = with_publish(variant, "publish: www.qingxi.example\n")
    (f,) = errors(v.path)
    assert "publish" in f.message and "映射" in f.message


def test_the_schema_describes_the_block_and_accepts_the_city_example(capsys):
    from typer.testing import CliRunner

    schema = json.loads(CliRunner().invoke(app, ["schema"]).stdout)
    publish = schema["properties"]["publish"]
    assert set(publish["properties"]) == {"site_name", "site_domain", "site_id_code"}
    assert all("网站" in p["title"] for p in publish["properties"].values())
    text = GOV_2021_CITY.read_text(encoding="utf-8")
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))
    assert "publish" in data
    jsonschema.Draft202012Validator(schema).validate(data)
    data["publish"]["site_id_code"] = "36"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
