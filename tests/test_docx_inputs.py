"""A .docx is read in full, and a blank Word split into pieces is still one finding."""

from __future__ import annotations

import json
import re
from pathlib import Path

from docx.enum.section import WD_SECTION  # noqa: F401  (python-docx is a test dependency)
from docx_builder import add_footnote, add_nested_table, add_runs, add_textbox, new_document

from drafter.checks import build_engine
from drafter.readers import read_path


def _build(path: Path) -> None:
    d = new_document()
    d.add_paragraph("在2024年述职评议会上的讲话")
    p = d.add_paragraph()
    # `**` split over three runs, the middle one bold: Word does this after a spell check.
    add_runs(p, [("今天召开*", False), ("*", True), ("企年度会议，", False), ("X", True), ("X同志主持。", False)])
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).paragraphs[0].add_run("单位")
    table.cell(0, 1).paragraphs[0].add_run("某某公司")
    add_nested_table(table.cell(1, 1), "嵌套表格中的□□")
    tb = d.add_paragraph("正文中带文本框的段落。")
    add_textbox(tb, "文本框里的{{ 单位 }}")
    d.add_paragraph("脚注所在的段落。")
    section = d.sections[0]
    section.header.paragraphs[0].text = "页眉：××集团"
    section.footer.paragraphs[0].text = "页脚：【请填写页码说明】"
    d.save(path)
    add_footnote(path, "脚注所在的段落", "资料来源：____")


def test_every_part_is_read_in_reading_order(tmp_path: Path) -> None:
    path = tmp_path / "讲话稿.docx"
    _build(path)
    doc = read_path(path)
    lines = doc.text.split("\n")
    assert lines[1] == "今天召开**企年度会议，XX同志主持。"
    assert "某某公司" in lines and "嵌套表格中的□□" in lines
    # The text box's text is read once (Word also stores a VML fallback copy).
    assert lines.count("文本框里的{{ 单位 }}") == 1
    assert lines.index("正文中带文本框的段落。") < lines.index("文本框里的{{ 单位 }}")
    located = {doc.location(i + 1) for i, line in enumerate(lines) if line}
    assert {"", "表格", "文本框", "页眉", "页脚", "脚注"} <= located


def test_blanks_everywhere_are_found_once_each(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "讲话稿.docx"
    _build(path)
    result = run_cli("check", str(path), "--format", "json")
    assert result.status == 1
    found = json.loads(result.out)
    assert [(f["text"], f["rule"]) for f in found] == [
        ("**", "placeholder.stars"),
        ("XX", "placeholder.x"),
        ("某某", "placeholder.mou"),
        ("□□", "placeholder.box"),
        ("{{ 单位 }}", "placeholder.template"),
        ("××", "placeholder.times"),
        ("【请填写页码说明】", "placeholder.prompt"),
        ("____", "placeholder.underline"),
    ]
    assert set(found[0]) == {"path", "line", "column", "rule", "severity", "text", "message", "suggestion"}
    # line is the paragraph number in reading order; column counts characters.
    assert (found[0]["line"], found[0]["column"]) == (2, 5)


def test_human_output_names_the_part(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "讲话稿.docx"
    _build(path)
    out = run_cli("check", str(path), "--color", "never").out
    assert "（页眉）" in out and "（页脚）" in out and "（脚注）" in out
    assert re.search(r"（表格1 第\d+行第\d+列）", out)  # the cell, not only "表格"
    assert "▶××◀" in out


def test_seed_as_docx_gives_49(seed, tmp_path: Path) -> None:
    d = new_document()
    for line in seed.read_text(encoding="utf-8").splitlines():
        p = d.add_paragraph()
        # Split every paragraph into runs of 7 characters so blanks straddle run boundaries.
        add_runs(p, [(line[i : i + 7], (i // 7) % 2 == 1) for i in range(0, len(line), 7)])
    path = tmp_path / "seed.docx"
    d.save(path)
    assert len(build_engine(only=["placeholder"]).check(read_path(path))) == 49


def test_deleted_revision_text_is_not_read(tmp_path: Path) -> None:
    from docx.oxml.ns import qn
    from lxml import etree

    d = new_document()
    p = d.add_paragraph("保留的文字")
    deleted = etree.SubElement(p._p, qn("w:del"))
    run = etree.SubElement(deleted, qn("w:r"))
    etree.SubElement(run, qn("w:delText")).text = "已删除的**"
    path = tmp_path / "rev.docx"
    d.save(path)
    assert read_path(path).text.split("\n")[0] == "保留的文字"


def test_findings_in_a_table_name_the_cell(tmp_path: Path, run_cli) -> None:
    """A report's tables hold many cells: 表格 alone does not say which one to fill."""
    import docx
    from docx_builder import add_nested_table, add_textbox

    from drafter.readers.docx import read_docx

    d = docx.Document()
    d.sections[0].header.add_table(rows=1, cols=1, width=docx.shared.Cm(5)).cell(0, 0).text = "页眉表**"
    d.add_paragraph("工作总结")
    first = d.add_table(rows=2, cols=2)
    first.cell(0, 0).text = "指标"
    first.cell(1, 1).text = "完成**项"
    add_nested_table(first.cell(1, 0), "内表XX")
    add_textbox(first.cell(0, 1).paragraphs[0], "框中某某")
    second = d.add_table(rows=1, cols=3)
    second.cell(0, 2).text = "共××人"
    d.add_paragraph("正文**处。")
    path = tmp_path / "总结.docx"
    d.save(path)
    doc = read_docx(path.read_bytes(), str(path))
    cell_of = dict(zip(doc.text.split("\n"), doc.cells or [], strict=True))
    assert cell_of["完成**项"] == "表格1 第2行第2列"
    assert cell_of["内表XX"] == "表格2 第1行第1列"  # a nested table is counted in reading order
    assert cell_of["共××人"] == "表格3 第1行第3列"
    assert cell_of["正文**处。"] == "" and cell_of["框中某某"] == "" and cell_of["页眉表**"] == ""
    out = run_cli("check", str(path), "--only", "placeholder", "--color", "never").out
    assert "错误（表格1 第2行第2列）" in out and "错误（表格3 第1行第3列）" in out
    assert "错误（页眉）" in out and "错误（文本框）" in out
