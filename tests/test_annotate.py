"""Findings written back into Word: comments on exactly the offending characters, neighbours'
formatting untouched, tracked changes that turn into the fix when accepted, no duplicates on a
second run, and the input never modified."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx_builder import add_runs, new_document
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def _build(path: Path) -> None:
    d = new_document()
    d.add_paragraph("讲话")
    p = d.add_paragraph()
    # “**” split over runs, one half bold; a misquote inside an italic run between bold neighbours.
    add_runs(p, [("今天召开*", False), ("*", True), ("企会议。", False)])
    q = d.add_paragraph()
    r1 = q.add_run("要研读《习近平")
    r1.bold = True
    r2 = q.add_run("谈国理政")
    r2.italic = True
    r3 = q.add_run("》，把责任抗在肩上。")
    r3.font.size = docx.shared.Pt(18)
    table = d.add_table(rows=1, cols=1)
    table.cell(0, 0).paragraphs[0].add_run("表格里的某某单位")
    d.sections[0].header.paragraphs[0].text = "页眉：××集团"
    d.save(path)


def _xml(path: Path, part: str):
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(part))


def _anchored_texts(path: Path) -> dict[str, str]:
    """Comment id → the text between its commentRangeStart and commentRangeEnd (deleted text included)."""
    body = _xml(path, "word/document.xml")
    texts: dict[str, list[str]] = {}
    open_ids: set[str] = set()
    for el in body.iter():
        tag = etree.QName(el).localname
        if tag == "commentRangeStart":
            open_ids.add(el.get(qn("w:id")))
            texts.setdefault(el.get(qn("w:id")), [])
        elif tag == "commentRangeEnd":
            open_ids.discard(el.get(qn("w:id")))
        elif tag in ("t", "delText") and el.text:
            inserted = any(etree.QName(a).localname == "ins" for a in el.iterancestors())
            for cid in open_ids:
                if not inserted:
                    texts[cid].append(el.text)
    return {k: "".join(v) for k, v in texts.items()}


def _comments(path: Path) -> list[tuple[str, str, str]]:
    root = _xml(path, "word/comments.xml")
    return [
        (c.get(qn("w:id")), c.get(qn("w:author")), "".join(t.text or "" for t in c.iter(qn("w:t"))))
        for c in root.findall("w:comment", NS)
    ]


def test_one_comment_per_finding_anchored_on_the_exact_text(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "稿.docx"
    _build(source)
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    result = run_cli("check", str(source), "--annotate")
    assert result.status == 1
    out = tmp_path / "稿.审校.docx"
    assert out.is_file()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the input is never modified
    comments = _comments(out)
    anchored = _anchored_texts(out)
    by_text = sorted(
        anchored[cid] for cid, author, _ in comments if author == "drafter" and anchored.get(cid) != "讲话"
    )
    assert by_text == sorted(["**", "谈国理政", "抗在肩上", "某某"])
    assert all(author == "drafter" for _, author, _ in comments)
    messages = " ".join(text for *_, text in comments)
    assert "谈治国理政" in messages and "扛在肩上" in messages
    # The header's finding is listed in a comment at the top.
    assert any("页眉" in text and "××" in text for *_, text in comments)


def test_formatting_of_neighbours_is_kept_and_blanks_highlighted(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "稿.docx"
    _build(source)
    run_cli("check", str(source), "--annotate")
    out = docx.Document(str(tmp_path / "稿.审校.docx"))
    para = out.paragraphs[2]
    runs = [(r.text, r.bold, r.italic, r.font.size.pt if r.font.size else None) for r in para.runs if r.text]
    assert runs[0] == ("要研读《习近平", True, None, None)
    assert runs[1] == ("谈国理政", None, True, None)
    assert ("》，把责任", None, None, 18.0) in runs and ("抗在肩上", None, None, 18.0) in runs
    assert "".join(r.text for r in para.runs) == "要研读《习近平谈国理政》，把责任抗在肩上。"
    blank_runs = [r for r in out.paragraphs[1].runs if r.text in ("*", "**")]
    highlighted = [r._r.find(f"{{{W}}}rPr/{{{W}}}highlight") is not None for r in blank_runs]
    assert highlighted and all(highlighted)
    # The split blank keeps its halves' formatting: one plain *, one bold *.
    assert [r.bold for r in blank_runs] == [False, True]


def test_revisions_are_well_formed_and_accepting_them_gives_the_fix(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "稿.docx"
    _build(source)
    result = run_cli("check", str(source), "--annotate", "--revisions", "-o", str(tmp_path / "修订.docx"))
    assert result.status == 1
    body = _xml(tmp_path / "修订.docx", "word/document.xml")
    dels = body.findall(".//w:del", NS)
    inss = body.findall(".//w:ins", NS)
    assert len(dels) == len(inss) == 2
    for el in dels + inss:
        assert el.get(qn("w:author")) == "drafter" and el.get(qn("w:date")).endswith("Z")
        assert el.get(qn("w:id")).isdigit()
    assert ["".join(t.text for t in d.iter(qn("w:delText"))) for d in dels] == ["谈国理政", "抗在肩上"]
    # Accept every revision as Word does: drop w:del, unwrap w:ins.
    for d in dels:
        d.getparent().remove(d)
    for i in inss:
        for child in list(i):
            i.addprevious(child)
        i.getparent().remove(i)
    text = "".join(t.text for t in body.iter(qn("w:t")) if t.text)
    assert "研读《习近平谈治国理政》，把责任扛在肩上。" in text


def test_a_second_run_replaces_drafters_comments_and_keeps_peoples(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "稿.docx"
    _build(source)
    run_cli("check", str(source), "--annotate", "--revisions")
    first = tmp_path / "稿.审校.docx"
    # A colleague adds a comment of their own in Word.
    d = docx.Document(str(first))
    d.add_comment(d.paragraphs[0].runs[0], text="领导：标题再斟酌", author="王秘书", initials="W")
    d.save(str(first))
    count_before = len(_comments(first))
    result = run_cli("check", str(first), "--annotate", "--revisions", "-o", str(tmp_path / "again.docx"))
    assert result.status == 1
    again = _comments(tmp_path / "again.docx")
    assert len(again) == count_before
    assert [c for c in again if c[1] == "王秘书"] and len([c for c in again if c[1] == "drafter"]) == count_before - 1
    assert len(_xml(tmp_path / "again.docx", "word/document.xml").findall(".//w:del", NS)) == 2


def test_txt_draft_is_exported_then_annotated(tmp_path: Path, run_cli, seed: Path) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_bytes(seed.read_bytes())
    result = run_cli("check", str(draft), "--annotate", "--format", "json")
    assert result.status == 1
    out = tmp_path / "讲话.审校.docx"
    assert len(_comments(out)) == 52
    assert out.is_file() and draft.read_bytes() == seed.read_bytes()


def test_annotate_bad_inputs(tmp_path: Path, run_cli) -> None:
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = run_cli("check", str(old), "--annotate")
    assert result.status == 2 and ".docx" in result.err and "Traceback" not in result.err
    ok = tmp_path / "a.txt"
    ok.write_text("正文。\n", encoding="utf-8")
    assert run_cli("check", str(ok), "--revisions").status == 2
    assert run_cli("check", str(ok), "--annotate", "-o", str(ok)).status == 2


def test_comments_are_small_single_spaced_and_name_their_fonts(tmp_path: Path, run_cli, seed: Path) -> None:
    """Comment styles defined (宋体 10.5 pt, single spacing, no indent) and fonts on every
    comment run, so Word and WPS do not lay comments out in the body's 16 pt fixed line."""
    draft = tmp_path / "讲话.txt"
    draft.write_bytes(seed.read_bytes())
    assert run_cli("check", str(draft), "--annotate").status == 1
    out = tmp_path / "讲话.审校.docx"
    styles = _xml(out, "word/styles.xml")
    text = styles.find("w:style[@w:styleId='CommentText']", NS)
    assert text is not None and styles.find("w:style[@w:styleId='CommentReference']", NS) is not None
    assert text.find("w:rPr/w:sz", NS).get(qn("w:val")) == "21"
    assert text.find("w:rPr/w:rFonts", NS).get(qn("w:eastAsia")) == "宋体"
    spacing = text.find("w:pPr/w:spacing", NS)
    assert spacing.get(qn("w:line")) == "240" and spacing.get(qn("w:lineRule")) == "auto"
    assert text.find("w:pPr/w:ind", NS).get(qn("w:firstLineChars")) == "0"
    comments = _xml(out, "word/comments.xml").findall("w:comment", NS)
    assert len(comments) == 52
    ids = [int(c.get(qn("w:id"))) for c in comments]
    assert len(set(ids)) == len(ids)
    for comment in comments:
        assert comment.find("w:p/w:pPr/w:pStyle", NS).get(qn("w:val")) == "CommentText"
        assert comment.get(qn("w:date")).endswith("Z") and comment.get(qn("w:initials")) == "DR"
        text_runs = [r for r in comment.iter(qn("w:r")) if r.find("w:t", NS) is not None]
        assert text_runs
        for run in text_runs:
            fonts = run.find("w:rPr/w:rFonts", NS)
            assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {"宋体"}
    # Every comment is anchored once in the body and referenced once.
    body = _xml(out, "word/document.xml")
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(int(e.get(qn("w:id"))) for e in body.iter(qn(f"w:{tag}"))) == sorted(ids)


def test_a_persons_own_comment_styles_are_kept(tmp_path: Path, run_cli) -> None:
    source = tmp_path / "稿.docx"
    d = new_document()
    d.add_paragraph("今天召开**会议。")
    d.add_comment(d.paragraphs[0].runs[0], text="同事的批注", author="王秘书")
    styles = d.styles.element
    mine = etree.SubElement(styles, qn("w:style"), {qn("w:type"): "paragraph", qn("w:styleId"): "CommentText"})
    etree.SubElement(mine, qn("w:name"), {qn("w:val"): "annotation text"})
    d.save(source)
    assert run_cli("check", str(source), "--annotate").status == 1
    out = _xml(tmp_path / "稿.审校.docx", "word/styles.xml")
    found = out.findall("w:style[@w:styleId='CommentText']", NS)
    assert len(found) == 1 and found[0].find("w:rPr", NS) is None  # theirs, not replaced
    assert out.find("w:style[@w:styleId='CommentReference']", NS) is not None
