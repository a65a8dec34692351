"""Editing a .docx as text and saving back only what changed (drafter edit 讲话稿.docx)."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree
from test_docx_inplace import build_rich

from drafter.docxedit.edit import open_docx_text, save_edits
from drafter.errors import DrafterError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


@pytest.fixture()
def rich(tmp_path: Path) -> Path:
    return build_rich(tmp_path / "讲话稿.docx")


def test_lines_are_body_paragraphs_and_table_cells(rich: Path) -> None:
    text = open_docx_text(rich)
    assert text.lines[0] == "在集团2026年度述职评议会上的讲话"
    assert "市政公司" in text.lines and "**%" in text.lines
    assert not any("党员**名" == line for line in text.lines)  # the text box is not a line


def test_saving_changes_only_the_edited_paragraphs(rich: Path) -> None:
    opened = open_docx_text(rich)
    new = list(opened.lines)
    i = new.index("全年开展集中学习**次，")
    new[i] = "全年开展集中学习12次，受教育党员3000人次，"
    j = new.index("新建标准化党支部**个，覆盖**家企业。")
    new[j] = "新建标准化党支部23个，覆盖**家企业。"
    result = save_edits(opened.data, opened.path, opened.lines, new)
    assert result.changed == 2 and not result.rewritten
    before, after = _parts(opened.data), _parts(result.data)
    for name in before:
        if name != "word/document.xml":
            assert before[name] == after[name], name
    old_ps = [etree.tostring(p, method="c14n") for p in etree.fromstring(before["word/document.xml"]).iter(qn("w:p"))]
    new_ps = [etree.tostring(p, method="c14n") for p in etree.fromstring(after["word/document.xml"]).iter(qn("w:p"))]
    assert len(old_ps) == len(new_ps)
    assert sum(a != b for a, b in zip(old_ps, new_ps, strict=True)) == 2
    reopened = open_docx_text_bytes(result.data, rich)
    assert reopened == new
    d = docx.Document(BytesIO(result.data))
    par = d.paragraphs[2]
    assert "".join(r.text for r in par.runs) == "新建标准化党支部23个，覆盖**家企业。"
    blue = [r.text for r in par.runs if r.font.color is not None and r.font.color.rgb == RGBColor(0, 0, 0xFF)]
    assert blue == ["23"]  # the typed value took the formatting of the run it landed in


def open_docx_text_bytes(data: bytes, where: Path) -> list[str]:
    path = where.with_name("reopened.docx")
    path.write_bytes(data)
    return open_docx_text(path).lines


def test_new_line_copies_its_neighbours_paragraph_properties_and_removed_line_goes(rich: Path) -> None:
    opened = open_docx_text(rich)
    new = list(opened.lines)
    k = new.index("见右侧方框。")
    new.insert(k + 1, "这是新加的一段。")
    del new[new.index("注明出处。")]
    result = save_edits(opened.data, opened.path, opened.lines, new)
    assert result.added == 1 and result.removed == 1
    assert open_docx_text_bytes(result.data, rich) == new
    root = etree.fromstring(_parts(result.data)["word/document.xml"])
    # comments and bookmarks elsewhere still pair up
    ids = lambda tag: sorted(el.get(qn("w:id")) for el in root.iter(qn(tag)))  # noqa: E731
    assert ids("w:commentRangeStart") == ids("w:commentRangeEnd") == ids("w:commentReference") == ["7"]
    assert ids("w:bookmarkStart") == ids("w:bookmarkEnd") == ["3"]


def test_removing_a_paragraph_with_a_comment_keeps_the_comment_paired(rich: Path) -> None:
    opened = open_docx_text(rich)
    new = [line for line in opened.lines if not line.startswith("这一段有同事的批注")]
    result = save_edits(opened.data, opened.path, opened.lines, new)
    root = etree.fromstring(_parts(result.data)["word/document.xml"])
    ids = lambda tag: sorted(el.get(qn("w:id")) for el in root.iter(qn(tag)))  # noqa: E731
    assert ids("w:commentRangeStart") == ids("w:commentRangeEnd") == ids("w:commentReference") == ["7"]
    assert ids("w:bookmarkStart") == ids("w:bookmarkEnd") == ["3"]


def test_a_file_changed_since_it_was_opened_is_not_written(rich: Path) -> None:
    opened = open_docx_text(rich)
    other = docx.Document(rich)
    other.paragraphs[0].text = "别人改过的标题"
    buf = BytesIO()
    other.save(buf)
    with pytest.raises(DrafterError, match="与打开时不同"):
        save_edits(buf.getvalue(), opened.path, opened.lines, [*opened.lines, "x"])


def test_deleting_across_a_tab_deletes_the_tab(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("姓名")
    p.add_run().add_tab()
    p.add_run("张三")
    path = tmp_path / "表.docx"
    d.save(path)
    opened = open_docx_text(path)
    assert opened.lines == ["姓名\t张三"]
    result = save_edits(opened.data, opened.path, opened.lines, ["姓名：张三"])
    assert open_docx_text_bytes(result.data, path) == ["姓名：张三"]


def test_the_editor_session_edits_the_word_file_itself(rich: Path) -> None:
    """`drafter edit 讲话稿.docx` opens the Word file, not an import; saving writes back only what
    changed (a .bak of the previous file), and a change made on disk meanwhile is not overwritten."""
    from drafter.fileio import ChangedOnDiskError
    from drafter.services.drafts import open_draft

    original = rich.read_bytes()
    session = open_draft(rich)
    assert session.path == rich and session.word is not None and not session.dirty
    session.text = session.text.replace("全年开展集中学习**次，", "全年开展集中学习12次，")
    session.save()
    assert (rich.parent / "讲话稿.docx.bak").read_bytes() == original
    before, after = _parts(original), _parts(rich.read_bytes())
    assert [n for n in before if before[n] != after[n]] == ["word/document.xml"]
    assert "全年开展集中学习12次，" in open_docx_text(rich).lines
    session.text = session.text.replace("市政公司", "路桥公司")
    rich.write_bytes(original)  # someone else saves the file meanwhile
    with pytest.raises(ChangedOnDiskError):
        session.save()
    assert rich.read_bytes() == original


def test_deleting_a_cells_only_line_is_refused_naming_the_cell(tmp_path: Path) -> None:
    """Word keeps one paragraph in every table cell: a deleted line there cannot be written back.
    The refusal blamed fields and pictures; it now names the cell and says how to empty it."""
    d = docx.Document()
    d.add_paragraph("总结")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "完成**"
    table.cell(0, 1).add_paragraph("（按季度）")
    path = tmp_path / "总结.docx"
    d.save(path)
    text = open_docx_text(path)
    lines = [line for line in text.lines if line != "指标"]
    with pytest.raises(DrafterError) as refused:
        save_edits(text.data, str(path), text.lines, lines)
    assert "表格1 第1行第1列" in str(refused.value) and "保留空行" in str(refused.value)
    # One of a cell's two paragraphs may go; an emptied line keeps the cell.
    kept = save_edits(text.data, str(path), text.lines, [line for line in text.lines if line != "（按季度）"])
    assert kept.removed == 1
    emptied = save_edits(text.data, str(path), text.lines, ["" if line == "指标" else line for line in text.lines])
    assert emptied.changed == 1
