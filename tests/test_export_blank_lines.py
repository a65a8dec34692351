"""Blank lines between a draft's paragraphs separate paragraphs; the Word export (GB/T 9704 body text
runs on) must not turn them into empty paragraphs, keeping only the page's own gaps: one after the
title block and one before the signature/date. Read back from the real .docx."""

from __future__ import annotations

from pathlib import Path

import docx


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_blank_lines_between_paragraphs_are_not_exported(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text(
        "在年度工作会议上的讲话\n\n\n同志们：\n\n今天召开会议。\n\n\n一、工作回顾\n\n全年完成任务。\n\n"
        "（一）抓好党建。成效明显。\n\n谢谢大家！\n\n\n                2026年1月15日\n",
        encoding="utf-8",
    )
    assert run_cli("export", str(draft), "-o", str(tmp_path / "o.docx")).status == 0
    texts = paragraphs(tmp_path / "o.docx")
    assert texts[0] == "在年度工作会议上的讲话"
    assert texts[1] == ""  # the gap under the title
    assert texts.count("") == 2
    assert texts[-2:] == ["", "2026年1月15日"]  # the gap before the date
    assert "今天召开会议。" in texts and "全年完成任务。" in texts


def test_a_draft_without_blank_lines_is_unchanged(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("报告\n一、工作情况\n全年完成任务。\n", encoding="utf-8")
    assert run_cli("export", str(draft), "-o", str(tmp_path / "d.docx")).status == 0
    assert paragraphs(tmp_path / "d.docx") == ["报告", "一、工作情况", "全年完成任务。"]
