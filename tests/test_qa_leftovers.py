"""What a blind user test found: Markdown export, a format that contradicts the file name,
English system errors, an empty archive query, footers counted as speech, and a run-in heading
read back from our own Word export as two paragraphs."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import docx
import pytest
from markdown_it import MarkdownIt

from drafter.errors import os_reason
from drafter.readers.docx import read_docx

MD_DRAFT = """\
# 在全市安全生产工作会议上的讲话

同志们：

## 一、总体要求

今天召开**会议，全年排查隐患**处。

**（一）加强组织领导。**各级要把安全生产摆上重要位置。

共走访\\*\\*家企业。

***

谢谢大家。
"""

TXT_DRAFT = """\
在全市安全生产工作会议上的讲话

同志们：

一、总体要求

今天召开**会议，全年排查隐患**处。

（一）加强组织领导。各级要把安全生产摆上重要位置。

谢谢大家。
"""


def _rendered(markdown: str) -> list[tuple[str, str]]:
    """(tag, text) of each block as a Markdown viewer shows it."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    blocks = []
    for i, tok in enumerate(tokens):
        if tok.type == "inline":
            opener = tokens[i - 1]
            bold = any(child.type == "strong_open" for child in tok.children or [])
            text = "".join(child.content for child in tok.children or [] if child.type == "text")
            blocks.append((opener.tag + ("+b" if bold else ""), text))
    return blocks


@pytest.mark.parametrize(("name", "source"), [("讲话.md", MD_DRAFT), ("讲话.txt", TXT_DRAFT)])
def test_md_export_reads_as_the_speech(tmp_path: Path, run_cli, name: str, source: str) -> None:
    draft = tmp_path / name
    draft.write_text(source, encoding="utf-8")
    result = run_cli("export", str(draft), "--to", "md", "-o", str(tmp_path / "out.md"), "--allow-placeholders")
    assert result.status == 0, result.err
    out = (tmp_path / "out.md").read_text(encoding="utf-8")
    assert "\\#" not in out
    blocks = _rendered(out)
    assert blocks[0] == ("h1", "在全市安全生产工作会议上的讲话")
    assert ("h2", "一、总体要求") in blocks
    # The blanks show as `**` in the viewer; nothing is bolded by them.
    assert ("p", "今天召开**会议，全年排查隐患**处。") in blocks
    assert ("p+b", "（一）加强组织领导。各级要把安全生产摆上重要位置。") in blocks  # bold, not stars
    if name.endswith(".md"):
        assert ("p", "共走访**家企业。") in blocks  # an escaped blank is still a blank


def test_md_draft_exports_to_word_without_its_markup(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.md"
    draft.write_text(MD_DRAFT, encoding="utf-8")
    result = run_cli("export", str(draft), "--allow-placeholders")
    assert result.status == 0, result.err
    assert "3 处占位符" in result.out  # the bold lead is not a blank; the escaped one is
    d = docx.Document(str(tmp_path / "讲话.docx"))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[0] == "在全市安全生产工作会议上的讲话"
    assert not any("#" in t for t in texts)
    assert "一、总体要求" in texts
    heading = next(p for p in d.paragraphs if p.text == "一、总体要求")
    assert heading.style.name == "Heading 1"
    assert "今天召开**会议，全年排查隐患**处。" in texts
    assert "共走访**家企业。" in texts


def test_a_bold_pair_inside_a_sentence_is_never_deleted(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.md"
    draft.write_text("今天召开**会议，活动**次，覆盖**家企业。\n", encoding="utf-8")
    result = run_cli("export", str(draft), "--to", "txt", "-o", str(tmp_path / "o.txt"), "--allow-placeholders")
    assert result.status == 0, result.err
    assert (tmp_path / "o.txt").read_text(encoding="utf-8") == "今天召开**会议，活动**次，覆盖**家企业。\n"


@pytest.mark.parametrize(("to", "out"), [("pdf", "x.docx"), ("md", "x.txt"), ("docx", "x.md"), ("txt", "x.pdf")])
def test_a_format_that_contradicts_the_file_name_is_refused(tmp_path: Path, run_cli, to: str, out: str) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(TXT_DRAFT.replace("**", "十"), encoding="utf-8")
    result = run_cli("export", str(draft), "--to", to, "-o", str(tmp_path / out))
    assert result.status == 2
    assert len(result.err.strip().splitlines()) == 1
    assert out in result.err and f"--to {to}" in result.err
    assert not (tmp_path / out).exists()


def test_a_format_that_agrees_with_the_file_name_is_accepted(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(TXT_DRAFT.replace("**", "十"), encoding="utf-8")
    for to, out in (("md", "a.md"), ("md", "b.markdown"), ("txt", "c.TXT"), ("docx", "d")):
        result = run_cli("export", str(draft), "--to", to, "-o", str(tmp_path / out))
        assert result.status == 0, result.err


def test_system_errors_are_explained_in_chinese() -> None:
    assert os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory")) == "文件或文件夹不存在"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == "没有权限"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满"
    assert os_reason(OSError(errno.EINVAL, "不是普通文件，不读取")) == "不是普通文件，不读取"
    assert os_reason(OSError("bare")).isascii() is False
    assert "ENOTCONN" in os_reason(OSError(errno.ENOTCONN, "Transport endpoint is not connected"))


def test_no_english_system_text_reaches_the_writer(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "稿件"
    folder.mkdir()
    missing = run_cli("check", str(tmp_path / "没有.txt"))
    assert missing.status == 2 and "No such file" not in missing.err
    draft = tmp_path / "讲话.txt"
    draft.write_text(TXT_DRAFT.replace("**", "十"), encoding="utf-8")
    if os.name != "nt" and os.geteuid() != 0:
        locked = tmp_path / "只读"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            result = run_cli("export", str(draft), "-o", str(locked / "x.docx"))
        finally:
            locked.chmod(0o700)
        assert result.status == 2 and "没有权限" in result.err, result.err
        assert "Permission denied" not in result.err
    bad_config = run_cli("check", str(draft), "--config", str(folder))
    assert bad_config.status == 2 and "Is a directory" not in bad_config.err, bad_config.err


def test_an_empty_archive_query_is_refused(tmp_path: Path, run_cli) -> None:
    location = str(tmp_path / "a.sqlite")
    for query in ("", "   ", "\u3000"):
        result = run_cli("archive", "search", query, "--archive", location)
        assert result.status == 2
        assert len(result.err.strip().splitlines()) == 1 and "查找内容" in result.err
    assert not Path(location).exists()  # refused before the archive is opened or created
    phrases = run_cli("phrases", "search", " ")
    assert phrases.status == 2 and "查找内容为空" in phrases.err and not phrases.out


BODY = ("在全市工作会议上的讲话", "同志们：", "一、总体要求", "今年要做好三件事。", "二、工作安排", "抓好落实。")


def _docx_with_footer(path: Path) -> Path:
    d = docx.Document()
    for text in BODY:
        d.add_paragraph(text)
    footer = d.sections[0].footer
    footer.paragraphs[0].text = "中共某某市委办公室印发的内部材料，请勿外传，页脚文字共计三十多个字"
    d.save(str(path))
    return path


def test_outline_counts_the_speech_not_its_footer(tmp_path: Path, run_cli) -> None:
    path = _docx_with_footer(tmp_path / "讲话.docx")
    result = run_cli("outline", str(path), "--format", "json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert data["chars"] == len("".join(BODY))
    # The same speech as a text file has the same outline, section by section.
    text = tmp_path / "讲话.txt"
    text.write_text("\n".join(BODY) + "\n", encoding="utf-8")
    plain = json.loads(run_cli("outline", str(text), "--format", "json").out)
    assert data["sections"] == plain["sections"]
    assert data["sections"][-1]["chars"] == len("二、工作安排抓好落实。")
    # The footer's blank (某某) is still counted among the blanks left to fill.
    assert (data["blanks"], plain["blanks"]) == (1, 0)


def test_an_exported_run_in_heading_reads_back_as_one_paragraph(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(TXT_DRAFT.replace("**", "十"), encoding="utf-8")
    assert run_cli("export", str(draft)).status == 0
    exported = tmp_path / "讲话.docx"
    doc = read_docx(exported.read_bytes(), str(exported))
    lines = [line for line in doc.text.split("\n") if line]
    assert "（一）加强组织领导。各级要把安全生产摆上重要位置。" in lines
    assert "（一）加强组织领导。" not in lines
    again = tmp_path / "again.txt"
    assert run_cli("export", str(exported), "--to", "txt", "-o", str(again)).status == 0
    assert "（一）加强组织领导。各级要把安全生产摆上重要位置。\n" in again.read_text(encoding="utf-8")
    # Checking the exported file finds what checking the draft finds, at the same place.
    check = run_cli("check", str(exported), "--format", "json")
    assert json.loads(check.out) == []



def test_blanks_and_comments_in_an_exported_run_in_heading_reach_their_paragraph(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(
        "在全市工作会议上的讲话\n\n一、总体要求\n\n（一）加强**领导。全年开展**次，我们我们要坚持。\n", encoding="utf-8"
    )
    assert run_cli("export", str(draft), "--allow-placeholders").status == 0
    exported = tmp_path / "讲话.docx"
    annotated = run_cli("check", str(exported), "--annotate", "-o", str(tmp_path / "审.docx"))
    assert annotated.status == 1, annotated.err
    comments = xml_texts(tmp_path / "审.docx", "word/comments.xml")
    assert len(comments) == 3 and not any("其他问题" in c or "无法" in c for c in comments), comments
    values = tmp_path / "values.txt"
    values.write_text("组织\n12\n", encoding="utf-8")
    filled = run_cli("fill", str(exported), "--values", str(values))
    assert filled.status == 0, filled.err
    lines = [line for line in read_docx(exported.read_bytes(), str(exported)).text.split("\n") if line]
    assert "（一）加强组织领导。全年开展12次，我们我们要坚持。" in lines


def xml_texts(path: Path, part: str) -> list[str]:
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read(part))
    return ["".join(t.text or "" for t in c.iter(f"{w}t")) for c in root.iter(f"{w}comment")]
