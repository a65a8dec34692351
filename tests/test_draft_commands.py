"""outline, renumber and import, as a writer uses them."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from drafter.draft import parse_draft
from drafter.draft.edit import delete_section, move_section, plan_renumbering, renumber


def test_outline_counts_the_seed(seed: Path, run_cli) -> None:
    result = run_cli("outline", str(seed), "--format", "json")
    assert result.status == 0
    data = json.loads(result.out)
    assert data["blanks"] == 49 and data["rate"] == 220
    rows = data["sections"]
    assert [r["level"] for r in rows] == [0, 1, 1, 1, 0]
    assert [r["blanks"] for r in rows] == [2, 42, 0, 4, 1]
    text = seed.read_text(encoding="utf-8")
    assert data["chars"] == sum(1 for ch in text if not ch.isspace())
    assert sum(r["chars"] for r in rows) == data["chars"]
    human = run_cli("outline", str(seed), "--rate", "200").out
    assert "一、充分肯定" in human and "未填写的占位符 49 处" in human and "每分钟 200 字" in human


def test_outline_rate_from_config(isolated: Path, seed: Path, run_cli) -> None:
    (isolated / "drafter.toml").write_text("[speech]\nrate = 180\n", encoding="utf-8")
    assert json.loads(run_cli("outline", str(seed), "--format", "json").out)["rate"] == 180
    (isolated / "drafter.toml").write_text("[speech]\nrate = 0\n", encoding="utf-8")
    bad = run_cli("outline", str(seed))
    assert bad.status == 2 and "speech.rate" in bad.err


DRAFT = """讲话

同志们：
开场。
一、甲部分
（一）甲一。内容。
（二）甲二。内容。
二、乙部分
（一）乙一
1.乙一一
1.乙一二
三、丙部分
同志们，散会！
"""


def test_move_then_renumber() -> None:
    draft = parse_draft(DRAFT)
    third = draft.sections[2]
    moved = move_section(draft, third, -1)
    assert [s.heading.title for s in moved.sections] == ["甲部分", "丙部分", "乙部分"]
    assert [s.heading.marker for s in moved.sections] == ["一、", "三、", "二、"]
    fixed, changes = renumber(moved)
    assert [s.heading.marker for s in fixed.sections] == ["一、", "二、", "三、"]
    # 1. 1. under 乙一 become 1. 2.
    assert [s.heading.marker for s in fixed.walk() if s.level == 3] == ["1.", "2."]
    assert len(changes) == 3
    assert plan_renumbering(fixed) == []
    assert fixed.lines[-1] == "同志们，散会！"
    # Deleting a section and renumbering closes the gap.
    gone, _ = renumber(delete_section(fixed, fixed.sections[0]))
    assert [(s.heading.marker, s.heading.title) for s in gone.sections] == [("一、", "丙部分"), ("二、", "乙部分")]


def test_renumber_cli_writes_atomically_with_backup(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "稿.txt"
    text = DRAFT.replace("二、乙部分", "四、乙部分").replace("1.乙一二", "1、乙一二")
    path.write_text(text, encoding="utf-8")
    check = run_cli("renumber", str(path), "--check")
    assert check.status == 1 and "四、 → 二、" in check.out and "1、 → 2." in check.out
    assert path.read_text(encoding="utf-8") == text  # --check writes nothing
    done = run_cli("renumber", str(path))
    assert done.status == 0
    assert path.read_text(encoding="utf-8") == DRAFT.replace("1.乙一二", "2.乙一二")
    assert (tmp_path / "稿.txt.bak").read_text(encoding="utf-8") == text
    again = run_cli("renumber", str(path))
    assert again.status == 0 and "无需修改" in again.out


def test_renumber_refuses_docx_and_bad_input(tmp_path: Path, run_cli) -> None:
    assert run_cli("renumber", str(tmp_path / "a.docx")).status == 2
    missing = run_cli("renumber", str(tmp_path / "none.txt"))
    assert missing.status == 2 and "文件不存在" in missing.err


def _numbered_docx(path: Path) -> None:
    """A Word speech whose level-1 headings are Word auto-numbering (chineseCounting, %1、) and
    whose level-2 headings are typed, with the usual full-width indentation."""
    d = docx.Document()
    d.add_paragraph("在年度工作会议上的讲话")
    d.add_paragraph("同志们：")
    d.add_paragraph("\u3000\u3000今天召开会议。")
    numbering = d.part.numbering_part.element
    abstract = etree.SubElement(numbering, qn("w:abstractNum"))
    abstract.set(qn("w:abstractNumId"), "90")
    lvl = etree.SubElement(abstract, qn("w:lvl"))
    lvl.set(qn("w:ilvl"), "0")
    etree.SubElement(lvl, qn("w:start")).set(qn("w:val"), "1")
    etree.SubElement(lvl, qn("w:numFmt")).set(qn("w:val"), "chineseCounting")
    etree.SubElement(lvl, qn("w:lvlText")).set(qn("w:val"), "%1、")
    num = etree.SubElement(numbering, qn("w:num"))
    num.set(qn("w:numId"), "9")
    etree.SubElement(num, qn("w:abstractNumId")).set(qn("w:val"), "90")
    for title, body in (("统一思想", "（一）提高认识。要充分认识**的意义。"), ("突出重点", "（一）抓好落实。")):
        p = d.add_paragraph(title)
        ppr = p._p.get_or_add_pPr()
        num_pr = etree.SubElement(ppr, qn("w:numPr"))
        etree.SubElement(num_pr, qn("w:ilvl")).set(qn("w:val"), "0")
        etree.SubElement(num_pr, qn("w:numId")).set(qn("w:val"), "9")
        d.add_paragraph("\u3000\u3000" + body)
    d.add_paragraph("")
    d.sections[0].header.paragraphs[0].text = "页眉不属于正文"
    d.save(path)


def test_import_docx_keeps_headings_and_word_numbering(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "去年.docx"
    _numbered_docx(source)
    result = run_cli("import", str(source))
    assert result.status == 0, result.err
    text = (tmp_path / "去年.txt").read_text(encoding="utf-8")
    assert text == (
        "在年度工作会议上的讲话\n\n同志们：\n今天召开会议。\n"
        "一、统一思想\n（一）提高认识。要充分认识**的意义。\n二、突出重点\n（一）抓好落实。\n"
    )
    draft = parse_draft(text)
    assert [s.heading.marker for s in draft.walk()] == ["一、", "（一）", "二、", "（一）"]
    again = run_cli("import", str(source))
    assert again.status == 2 and "已存在" in again.err
    forced = run_cli("import", str(source), "--force")
    assert forced.status == 0 and (tmp_path / "去年.txt.bak").exists()


def test_import_legacy_text(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "old.md"
    source.write_bytes("讲话\r\n\r\n\r\n　　一、第一部分\r\n　　正文内容。  \r\n".encode("gb18030"))
    result = run_cli("import", str(source), "-o", str(tmp_path / "new.txt"))
    assert result.status == 0
    assert (tmp_path / "new.txt").read_text(encoding="utf-8") == "讲话\n\n一、第一部分\n正文内容。\n"


def test_import_bad_inputs(tmp_path: Path, run_cli) -> None:
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = run_cli("import", str(doc))
    assert result.status == 2 and ".docx" in result.err
    corrupt = tmp_path / "c.docx"
    corrupt.write_bytes(b"PK\x03\x04junk")
    assert run_cli("import", str(corrupt)).status == 2
    same = tmp_path / "same.txt"
    same.write_text("一、甲\n", encoding="utf-8")
    assert "覆盖输入文件" in run_cli("import", str(same)).err
