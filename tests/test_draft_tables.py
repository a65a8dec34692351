"""Tables in the text draft: imported from Word as a table block, kept as one unit by the parser,
read by the checks, and exported as a real Word table that imports back to the same draft."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from drafter.checks import build_engine
from drafter.document import Document
from drafter.draft import parse_draft
from drafter.draft.importer import import_document
from drafter.draft.model import TABLE
from drafter.draft.tables import parse_row, render_row
from drafter.export.docx_writer import build_docx
from drafter.export.presets import load_preset

DRAFT = """关于2026年安全生产工作的总结

一、主要工作及成效
全年重点指标完成情况如下。
| 单位 | 指标 | 完成率 |
| 市政公司 | 产值 | 98.5% |
| ^ | 利润 | 101% |
| 合计 | < | 99.6% |
二、存在的问题
个别项目隐患整改不及时。
"""


def test_parser_keeps_a_table_as_one_unit() -> None:
    draft = parse_draft(DRAFT)
    assert draft.text() == DRAFT
    assert [k for k in draft.kinds if k == TABLE] == [TABLE] * 4
    (table,) = draft.tables()
    assert table.rows[0] == ["单位", "指标", "完成率"] and table.rows[3] == ["合计", "<", "99.6%"]
    assert [s.heading.marker for s in draft.sections] == ["一、", "二、"]
    assert draft.sections[0].end == 9  # the table lies inside section 一


def test_cells_escape_and_round_trip() -> None:
    cells = ["a|b", "", "第一段<br>第二段"]
    assert parse_row(render_row(cells)) == cells


def test_export_writes_a_real_table_with_grid_widths_and_merges() -> None:
    data = build_docx(parse_draft(DRAFT), load_preset("gbt9704"))
    d = docx.Document(BytesIO(data))
    (table,) = d.tables
    assert len(table.rows) == 4 and len(table.columns) == 3
    tbl = table._tbl
    widths = [int(g.get(qn("w:w"))) for g in tbl.iter(qn("w:gridCol"))]
    assert len(widths) == 3 and all(w > 2000 for w in widths)
    assert tbl.find(qn("w:tblPr")).find(qn("w:tblBorders")) is not None
    spans = [tc for tc in tbl.iter(qn("w:tc")) if tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) is not None]
    assert len(spans) == 1
    merges = [tc.find(qn("w:tcPr")).find(qn("w:vMerge")) for tc in tbl.iter(qn("w:tc"))]
    assert [m.get(qn("w:val")) for m in merges if m is not None] == ["restart", None]
    # the table sits between its neighbours, not at the end
    body = d.element.body
    children = [c.tag.split("}")[1] for c in body]
    assert children.index("tbl") < len(children) - 3


def test_import_of_the_export_gives_the_same_draft(tmp_path: Path) -> None:
    path = tmp_path / "总结.docx"
    path.write_bytes(build_docx(parse_draft(DRAFT), load_preset("gbt9704")))
    assert import_document(path) == DRAFT


def test_import_of_a_word_table_with_several_paragraphs_in_a_cell(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("情况汇总")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "项目"
    t.cell(0, 1).text = "说明"
    t.cell(1, 0).text = "党建"
    t.cell(1, 1).text = "第一段"
    t.cell(1, 1).add_paragraph("第二段")
    d.add_paragraph("以上。")
    path = tmp_path / "表.docx"
    d.save(path)
    text = import_document(path)
    assert "| 项目 | 说明 |\n| 党建 | 第一段<br>第二段 |\n以上。" in text


def test_checks_read_the_cells() -> None:
    text = DRAFT.replace("98.5%", "**%")
    findings = build_engine(only=["placeholder"]).check(Document("t.txt", "text", text))
    assert [f.text for f in findings] == ["**"]
    data = build_docx(parse_draft(text), load_preset("gbt9704"), blanks={6: [(15, 17)]})
    root = etree.fromstring(docx.Document(BytesIO(data)).element.xml.encode())
    highlighted = [r for r in root.iter(qn("w:r")) if r.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is not None]
    assert ["".join(t.text for t in r.iter(qn("w:t"))) for r in highlighted] == ["**%"]
