"""`govreport schema`: the JSON Schema (draft 2020-12) of the input, built from the format files.

Editors with yaml-language-server use it to complete and explain keys in Chinese, so every
property carries a Chinese `title` and `description`.
"""

from __future__ import annotations

from typing import Any

from govreport.formats import (
    AMOUNT,
    COUNT,
    SIGNED,
    FormatDef,
    MatrixTable,
    RecordTable,
    RowDef,
    StatsTable,
    common,
    format_ids,
    get_format,
    not_applicable_word,
)

Schema = dict[str, Any]


def _doc(title: str, description: str, schema: Schema) -> Schema:
    return {"title": title, "description": description, **schema}


def _number(kind: str, allow_na: bool) -> Schema:
    base: Schema = {
        COUNT: {"type": "integer", "minimum": 0},
        SIGNED: {"type": "integer"},
        AMOUNT: {"type": "number", "minimum": 0},
    }[kind]
    if not allow_na:
        return base
    return {"anyOf": [base, {"const": not_applicable_word()}]}


def _content_defs() -> dict[str, Schema]:
    c = common()["content"]
    heading, lead = c["heading"], c["lead"]
    return {
        "content": _doc(c["title"], c["description"], {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "minItems": 1, "items": {"anyOf": [
                _doc("段落", c["paragraph"], {"type": "string", "minLength": 1}),
                {"$ref": "#/$defs/heading_block"},
                {"$ref": "#/$defs/lead_block"},
            ]}},
        ]}),
        "heading_block": _doc(heading["title"], heading["description"], {
            "type": "object", "required": ["heading", "body"], "additionalProperties": False,
            "properties": {
                "heading": _doc("小标题", heading["heading"], {"type": "string", "minLength": 1}),
                "body": _doc("小标题下的内容", heading["body"], {"$ref": "#/$defs/content"}),
            },
        }),
        "lead_block": _doc(lead["title"], lead["description"], {
            "type": "object", "required": ["lead"], "additionalProperties": False,
            "properties": {
                "lead": _doc("分项标题", lead["lead"], {"type": "string", "minLength": 1}),
                "text": _doc("分项正文", lead["text"], {"type": "string"}),
            },
        }),
    }


def _record(t: RecordTable) -> Schema:
    props: dict[str, Schema] = {}
    for item in t.items:
        if item.scalar:
            f = item.fields[0]
            props[item.key] = _doc(item.label, f"{f.label}。", _number(f.type, t.not_applicable))
            continue
        inner = {
            f.path.split(".")[-1]: _doc(f.label, f"“{item.label}”的{f.label}。",
                                        _number(f.type, t.not_applicable))
            for f in item.fields
        }
        mapping: Schema = {"type": "object", "properties": inner, "required": list(inner),
                           "additionalProperties": False}
        labels = "、".join(f.label for f in item.fields)
        if t.not_applicable:
            mapping = {"anyOf": [mapping, {"const": not_applicable_word()}]}
        props[item.key] = _doc(item.label, f"{labels}；整项不适用可写“{not_applicable_word()}”。"
                               if t.not_applicable else f"{labels}。", mapping)
    return _doc(t.title, t.description, {
        "type": "object", "properties": props, "required": list(props), "additionalProperties": False,
    })


def _matrix_row(t: MatrixTable, row: RowDef) -> Schema:
    assert t.total_column is not None
    cell = _number(t.cell_type, t.not_applicable)
    names = [c.label for c in t.columns]
    columns = {c.key: _doc(c.label, f"“{row.full_label}”中{c.label}的数量。", cell)
               for c in t.all_columns}
    n = len(t.columns)
    prefix = [_doc(c.label, f"第 {i + 1} 个数：{c.label}。", cell) for i, c in enumerate(t.all_columns)]
    return _doc(row.label, f"{row.full_label}：依次为 {'、'.join(names)}，可再加{t.total_column.label}。", {
        "anyOf": [
            {"type": "array", "minItems": n, "maxItems": n + 1, "prefixItems": prefix, "items": False},
            {"type": "object", "properties": columns, "additionalProperties": False,
             "required": [] if row.sum else [c.key for c in t.columns]},
        ],
    })


def _matrix_rows(t: MatrixTable, rows: tuple[RowDef, ...]) -> Schema:
    props: dict[str, Schema] = {}
    for r in rows:
        if r.children:
            props[r.key] = _doc(r.label, f"{r.full_label}：分别写出各小项。", _matrix_rows(t, r.children))
        else:
            props[r.key] = _matrix_row(t, r)
    return {"type": "object", "properties": props, "additionalProperties": False,
            "required": [r.key for r in rows if not r.optional]}


def _stats(t: StatsTable) -> Schema:
    s = common()["stats"]
    row = s["row"]
    number = _number(AMOUNT, t.not_applicable)
    return _doc(t.title, t.description, {
        "type": "object", "required": ["rows"], "additionalProperties": False,
        "properties": {
            "title": _doc("统计表标题", s["title"], {"type": "string"}),
            "attachment": _doc("作为附件", s["attachment"], {"type": "boolean"}),
            "columns": _doc("数值列", s["columns"], {"type": "array", "minItems": 1,
                                                      "items": {"type": "string"}}),
            "rows": _doc("各行", s["rows"], {"type": "array", "minItems": 1, "items": {"anyOf": [
                {"type": "object", "required": ["label"], "additionalProperties": False, "properties": {
                    "label": _doc("指标", row["label"], {"type": "string"}),
                    "unit": _doc("计量单位", row["unit"], {"type": "string"}),
                    "values": _doc("数值", row["values"], {"type": "array", "items": number}),
                    "value": _doc("数值", row["value"], number),
                }},
                {"type": "object", "required": ["group"], "additionalProperties": False, "properties": {
                    "group": _doc("分组标题", row["group"], {"type": "string"}),
                }},
            ]}}),
        },
    })


def _sections(fmt: FormatDef) -> Schema:
    fields = common()["fields"]
    if fmt.sections is None:
        spec = common()["legacy_section"]
        return _doc(fields["sections"]["title"], spec["description"], {
            "type": "array", "minItems": 1, "items": _doc(spec["title"], spec["description"], {
                "type": "object", "required": ["heading", "body"], "additionalProperties": False,
                "properties": {
                    "heading": _doc("章节标题", spec["heading"], {"type": "string", "minLength": 1}),
                    "body": _doc("章节内容", spec["body"], {"$ref": "#/$defs/content"}),
                },
            }),
        })
    props = {}
    for i, s in enumerate(fmt.sections):
        title = fmt.section_label(i, s.heading)
        content: Schema = {"$ref": "#/$defs/content"}
        if not s.required:
            content = {"anyOf": [content, {"type": "null"}]}
        props[s.key] = _doc(title, s.description, content)
    return _doc(fields["sections"]["title"], fields["sections"]["description"], {
        "type": "object", "properties": props, "additionalProperties": False,
        "required": [s.key for s in fmt.sections if s.required],
    })


def _tables(fmt: FormatDef) -> Schema:
    fields = common()["fields"]
    props: dict[str, Schema] = {}
    for key, t in fmt.tables.items():
        if isinstance(t, RecordTable):
            props[key] = _record(t)
        elif isinstance(t, MatrixTable):
            props[key] = _doc(t.title, t.description, _matrix_rows(t, t.rows))
        elif isinstance(t, StatsTable):
            props[key] = _stats(t)
    return _doc(fields["tables"]["title"], fields["tables"]["description"], {
        "type": "object", "properties": props, "additionalProperties": False,
        "required": [] if fmt.free_sections else list(props),
    })


def build_schema() -> Schema:
    """The whole schema: common top-level keys, then per-format `sections` and `tables`."""
    fields = common()["fields"]
    signoff = common()["signoff"]
    publish = common()["publish"]
    ids = list(format_ids())
    top: dict[str, Schema] = {
        "format": _doc(fields["format"]["title"], fields["format"]["description"], {"enum": ids}),
        "organ": _doc(fields["organ"]["title"], fields["organ"]["description"],
                      {"type": "string", "minLength": 1}),
        "year": _doc(fields["year"]["title"], fields["year"]["description"],
                     {"type": "integer", "minimum": 2008, "maximum": 2100}),
        "title": _doc(fields["title"]["title"], fields["title"]["description"], {"anyOf": [
            {"type": "string", "minLength": 1},
            {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
        ]}),
        "preface": _doc(fields["preface"]["title"], fields["preface"]["description"],
                        {"$ref": "#/$defs/content"}),
        "sections": _doc(fields["sections"]["title"], fields["sections"]["description"], {}),
        "tables": _doc(fields["tables"]["title"], fields["tables"]["description"], {}),
        "signoff": _doc(fields["signoff"]["title"], fields["signoff"]["description"], {
            "type": "object", "required": ["date"], "additionalProperties": False,
            "properties": {
                "organ": _doc(signoff["organ"]["title"], signoff["organ"]["description"],
                              {"type": "string", "minLength": 1}),
                "date": _doc(signoff["date"]["title"], signoff["date"]["description"],
                             {"type": "string", "format": "date"}),
            },
        }),
        "previous": _doc(fields["previous"]["title"], fields["previous"]["description"],
                         {"type": "string", "minLength": 1}),
        "deadline": _doc(fields["deadline"]["title"], fields["deadline"]["description"],
                         {"type": "string", "format": "date"}),
        "units": _doc(fields["units"]["title"], fields["units"]["description"],
                      {"type": "array", "minItems": 1,
                       "items": {"type": "string", "minLength": 1}}),
        "publish": _doc(fields["publish"]["title"], fields["publish"]["description"], {
            "type": "object", "additionalProperties": False,
            "properties": {
                "site_name": _doc(publish["site_name"]["title"], publish["site_name"]["description"],
                                  {"type": "string", "minLength": 1}),
                "site_domain": _doc(publish["site_domain"]["title"],
                                    publish["site_domain"]["description"],
                                    {"type": "string", "pattern": r"^[^\s/:@?#]+\.[^\s/:@?#]+$"}),
                "site_id_code": _doc(publish["site_id_code"]["title"],
                                     publish["site_id_code"]["description"],
                                     {"type": "string", "pattern": "^[0-9A-Za-z]{10}$"}),
            },
        }),
    }
    variants = []
    for fid in ids:
        fmt = get_format(fid)
        required = ["tables"] if not fmt.free_sections else []
        variants.append({
            "if": {"properties": {"format": {"const": fid}}, "required": ["format"]},
            "then": {"properties": {"sections": _sections(fmt), "tables": _tables(fmt)},
                     "required": required},
        })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:govreport:input:1",
        "title": "政府信息公开工作年度报告（govreport 输入文件）",
        "description": "govreport 的输入文件格式第 1 版。用 govreport init 生成模板，govreport check 检查。",
        "type": "object",
        "required": ["format", "organ", "year", "sections"],
        "additionalProperties": False,
        "properties": top,
        "allOf": variants,
        "$defs": _content_defs(),
    }

