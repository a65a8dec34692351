"""Filling blanks and applying fixes inside a real .docx: only the changed characters change.

The test file carries what real Word files carry: a 红头 header in a unit's fonts, a table with
merged cells, a footnote, a text box, runs split mid-blank with mixed bold and colour, a paragraph
of Word auto-numbering, a person's comment, a tracked change and a bookmark."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx_builder import add_footnote, add_runs, add_textbox
from lxml import etree

from drafter.checks import build_engine
from drafter.cli import main
from drafter.docxedit import fill_docx, fix_docx
from drafter.docxedit.inplace import blanks
from drafter.readers.docx import read_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _comment_and_revision(paragraph) -> None:
    """A person's comment around a word and a person's tracked insertion, as Word writes them."""
    p = paragraph._p
    start = etree.SubElement(p, qn("w:commentRangeStart"))
    start.set(qn("w:id"), "7")
    run = etree.SubElement(p, qn("w:r"))
    etree.SubElement(run, qn("w:t")).text = "请再斟酌"
    end = etree.SubElement(p, qn("w:commentRangeEnd"))
    end.set(qn("w:id"), "7")
    ref_run = etree.SubElement(p, qn("w:r"))
    ref = etree.SubElement(ref_run, qn("w:commentReference"))
    ref.set(qn("w:id"), "7")
    ins = etree.SubElement(p, qn("w:ins"))
    ins.set(qn("w:id"), "8")
    ins.set(qn("w:author"), "王秘书")
    ins.set(qn("w:date"), "2026-11-30T10:00:00Z")
    ins_run = etree.SubElement(ins, qn("w:r"))
    etree.SubElement(ins_run, qn("w:t")).text = "（已核）"
    bm = etree.SubElement(p, qn("w:bookmarkStart"))
    bm.set(qn("w:id"), "3")
    bm.set(qn("w:name"), "要点")
    bm_end = etree.SubElement(p, qn("w:bookmarkEnd"))
    bm_end.set(qn("w:id"), "3")


def build_rich(path: Path) -> Path:
    d = docx.Document()
    header = d.sections[0].header.paragraphs[0]
    red = header.add_run("中共江汉建设集团委员会办公室")
    red.font.color.rgb = RGBColor(0xFF, 0, 0)
    red.font.name = "方正小标宋简体"
    red._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "方正小标宋简体")
    d.add_paragraph("在集团2026年度述职评议会上的讲话")
    p = d.add_paragraph()
    add_runs(p, [("全年开展集中学习", False), ("*", True), ("*", False), ("次，", False)])
    p.runs[1].font.highlight_color = WD_COLOR_INDEX.YELLOW
    colour = d.add_paragraph()
    add_runs(
        colour, [("新建标准化党支部", False), ("**", False), ("个，覆盖", False), ("**", True), ("家企业。", False)]
    )
    colour.runs[1].font.color.rgb = RGBColor(0, 0, 0xFF)
    numbered = d.add_paragraph("加强政治建设", style="List Number")
    assert numbered.style.name == "List Number"
    table = d.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1))
    table.cell(0, 0).paragraphs[0].add_run("单位")
    table.cell(0, 2).paragraphs[0].add_run("完成率")
    table.cell(1, 0).paragraphs[0].add_run("市政公司")
    table.cell(1, 2).paragraphs[0].add_run("**%")
    box = d.add_paragraph("见右侧方框。")
    add_textbox(box, "党员**名")
    people = d.add_paragraph("这一段有同事的批注。")
    _comment_and_revision(people)
    d.add_paragraph("注明出处。")
    d.save(path)
    add_footnote(path, "注明出处", "资料来源：集团党委组织部，统计截至**月。")
    return path


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _c14n_paragraphs(xml: bytes) -> list[bytes]:
    root = etree.fromstring(xml)
    return [etree.tostring(p, method="c14n") for p in root.iter(f"{{{W}}}p")]


@pytest.fixture()
def rich(tmp_path: Path) -> Path:
    return build_rich(tmp_path / "讲话稿.docx")


def engine():
    return build_engine(only=["placeholder"])


def test_blanks_in_reading_order_match_check(rich: Path) -> None:
    data = rich.read_bytes()
    _, found = blanks(data, str(rich), engine())
    texts = [f.text for f in found]
    assert texts == ["**", "**", "**", "**", "**", "**"]
    # body paragraphs, the table cell, the text box, then the footnote, as check lists them
    locations = [f.location for f in found]
    assert locations[:2] == ["", ""] and "表格" in locations and "文本框" in locations and locations[-1] == "脚注"


def test_fill_changes_nothing_but_the_blanks(rich: Path) -> None:
    data = rich.read_bytes()
    values = ["12", "23", "46", "98.5", "640", "11"]
    result = fill_docx(data, str(rich), engine(), values)
    assert len(result.applied) == 6 and not result.left
    before, after = _parts(data), _parts(result.data)
    assert list(before) == list(after)  # same members, same order
    for name in before:
        if name not in ("word/document.xml", "word/footnotes.xml"):
            assert before[name] == after[name], name
    old_ps, new_ps = _c14n_paragraphs(before["word/document.xml"]), _c14n_paragraphs(after["word/document.xml"])
    assert len(old_ps) == len(new_ps)
    changed = [i for i, (a, b) in enumerate(zip(old_ps, new_ps, strict=True)) if a != b]
    # Only paragraphs that held a blank changed: two body paragraphs, the table cell, the text box
    # (its paragraph, Word's VML fallback copy of it, and the paragraph that anchors both).
    assert len(changed) == 6
    old_texts = [
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for p in etree.fromstring(before["word/document.xml"]).iter(qn("w:p"))
    ]
    assert all("**" in old_texts[i] for i in changed)
    fallback = etree.fromstring(after["word/document.xml"]).iter(
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
    )
    assert ["".join(t.text for t in fb.iter(qn("w:t"))) for fb in fallback] == ["党员640名"]
    new_doc = read_docx(result.data, "x")
    assert "全年开展集中学习12次，" in new_doc.text
    assert "新建标准化党支部23个，覆盖46家企业。" in new_doc.text
    assert "98.5%" in new_doc.text and "党员640名" in new_doc.text and "截至11月" in new_doc.text
    assert not blanks(result.data, "x", engine())[1]


def test_value_takes_the_formatting_of_the_blanks_first_character(rich: Path) -> None:
    result = fill_docx(rich.read_bytes(), str(rich), engine(), ["12", "23", "46"])
    d = docx.Document(BytesIO(result.data))
    first = d.paragraphs[1]
    bold_runs = [r for r in first.runs if r.bold]
    assert [r.text for r in bold_runs] == ["12"]
    assert bold_runs[0].font.highlight_color is None  # drafter's yellow goes with the blank
    second = d.paragraphs[2]
    blue = [r.text for r in second.runs if r.font.color is not None and r.font.color.rgb == RGBColor(0, 0, 0xFF)]
    assert blue == ["23"]
    assert [r.text for r in second.runs if r.bold] == ["46"]
    assert "".join(r.text for r in second.runs) == "新建标准化党支部23个，覆盖46家企业。"


def test_people_comments_revisions_and_bookmarks_still_pair_up(rich: Path) -> None:
    result = fill_docx(rich.read_bytes(), str(rich), engine(), ["1"] * 6)
    root = etree.fromstring(_parts(result.data)["word/document.xml"])

    def ids(tag: str) -> list[str]:
        return sorted(el.get(qn("w:id")) for el in root.iter(qn(tag)))

    assert ids("w:commentRangeStart") == ids("w:commentRangeEnd") == ids("w:commentReference") == ["7"]
    assert ids("w:bookmarkStart") == ids("w:bookmarkEnd") == ["3"]
    ins = list(root.iter(qn("w:ins")))
    assert len(ins) == 1 and ins[0].get(qn("w:author")) == "王秘书"


def test_empty_value_leaves_that_blank(rich: Path) -> None:
    result = fill_docx(rich.read_bytes(), str(rich), engine(), ["12", None, "46"])
    assert len(result.applied) == 2 and len(result.left) == 4
    assert "新建标准化党支部**个，覆盖46家" in read_docx(result.data, "x").text


def test_cli_fill_with_values_file_keeps_a_backup(rich: Path, tmp_path: Path, capsys) -> None:
    values = tmp_path / "值.txt"
    values.write_text("12\n23\n\n98.5\n640\n11\n", encoding="gb18030")
    original = rich.read_bytes()
    code = main(["fill", str(rich), "--values", str(values)])
    assert code == 1  # one blank left on purpose
    err = capsys.readouterr().err
    assert "已填写 5 处" in err and "还有 1 处待填" in err
    assert (tmp_path / "讲话稿.docx.bak").read_bytes() == original
    text = read_docx(rich.read_bytes(), "x").text
    assert "覆盖**家企业" in text and "集中学习12次" in text


def test_cli_fill_to_output_leaves_the_original(rich: Path, tmp_path: Path) -> None:
    values = tmp_path / "值.txt"
    values.write_text("1\n2\n3\n4\n5\n6\n", encoding="utf-8")
    original = rich.read_bytes()
    out = tmp_path / "已填.docx"
    assert main(["fill", str(rich), "--values", str(values), "-o", str(out)]) == 0
    assert rich.read_bytes() == original
    assert main(["check", str(out), "--only", "placeholder"]) == 0


def test_cli_fill_refuses_more_values_than_blanks(rich: Path, tmp_path: Path, capsys) -> None:
    values = tmp_path / "值.txt"
    values.write_text("\n".join(str(i) for i in range(9)) + "\n", encoding="utf-8")
    original = rich.read_bytes()
    assert main(["fill", str(rich), "--values", str(values)]) == 2
    assert "只有 6 处待填" in capsys.readouterr().err
    assert rich.read_bytes() == original


def test_cli_fill_without_terminal_or_values_is_one_line(rich: Path, capsys) -> None:
    assert main(["fill", str(rich)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--values" in err[0]


def _misquoted(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("讲话")
    p = d.add_paragraph()
    add_runs(p, [("组织研读《习近平谈国", False), ("理政》第四卷，", True), ("主动把任务抗在肩上。", False)])
    d.add_paragraph("同志们，谢谢大家！")
    d.save(path)
    return path


def test_fix_in_place_keeps_every_other_part(tmp_path: Path) -> None:
    path = _misquoted(tmp_path / "稿.docx")
    data = path.read_bytes()
    result = fix_docx(data, str(path), build_engine())
    assert {f.text for f in result.applied} >= {"抗在肩上"}
    text = read_docx(result.data, "x").text
    assert "扛在肩上" in text and "谢谢大家" in text
    before, after = _parts(data), _parts(result.data)
    for name in before:
        if name != "word/document.xml":
            assert before[name] == after[name], name


def test_fix_as_tracked_changes(tmp_path: Path) -> None:
    path = _misquoted(tmp_path / "稿.docx")
    result = fix_docx(path.read_bytes(), str(path), build_engine(), revisions=True)
    assert result.applied
    root = etree.fromstring(_parts(result.data)["word/document.xml"])
    dels = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in root.iter(qn("w:del"))]
    inss = ["".join(t.text for t in i.iter(qn("w:t"))) for i in root.iter(qn("w:ins"))]
    assert "抗在肩上" in dels and "扛在肩上" in inss
    assert all(d.get(qn("w:author")) == "drafter" for d in root.iter(qn("w:del")))


def test_cli_check_fix_on_docx(tmp_path: Path, capsys) -> None:
    path = _misquoted(tmp_path / "稿.docx")
    main(["check", str(path), "--fix"])
    err = capsys.readouterr().err
    assert "已在" in err and (tmp_path / "稿.docx.bak").exists()
    assert "扛在肩上" in read_docx(path.read_bytes(), "x").text


def test_filled_and_fixed_exports_stay_schema_valid(tmp_path: Path) -> None:
    """An export filled in place and fixed with tracked changes is still valid OOXML."""
    from ooxml_schema import problems

    from drafter.draft import parse_draft
    from drafter.export.docx_writer import build_docx
    from drafter.export.presets import load_preset

    text = (
        "讲话\n\n同志们：\n一、总体情况\n全年走访**家企业，主动把任务抗在肩上。\n"
        "（一）加强政治建设。坚持**次集中学习。\n"
    )
    data = build_docx(parse_draft(text), load_preset("gbt9704"))
    assert problems(data) == []
    filled = fill_docx(data, "x.docx", engine(), ["12", "3"])
    assert len(filled.applied) == 2 and problems(filled.data) == []
    fixed = fix_docx(filled.data, "x.docx", build_engine(), revisions=True)
    assert fixed.applied and problems(fixed.data) == []
