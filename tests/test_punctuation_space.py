"""`punctuation.space`: a space beside a Chinese mark inside a line (text pasted from a PDF or a web
page), never the spaces Chinese text really carries: a slogan printed in two halves, a name padded
to three characters, an indent, a Markdown table, English prose."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from recall_helpers import findings

MUST_FLAG = [
    ("建设社会主义现代化强国的生力军\u3000。", "\u3000"),
    ("促进大开放。 协同推进外贸外资。", " "),
    ("尊敬的各位领导 ：", " "),
    ("同比增长12% ，实现全年目标。", " "),
    ("广泛开展 “我为群众办实事”实践活动。", " "),
    ("深入学习“两个确立” 。", " "),
    ("按照“管行业必须管安全 ”的要求。", " "),
    ("主要预期目标是：\u3000地区生产总值增长5%左右。", "\u3000"),
    ("坚持稳中求进，\u00a0统筹发展和安全。", "\u00a0"),
]

MUST_NOT_FLAG = [
    "举办“雄奇山水 新韵重庆”文旅推介活动。",  # a slogan in two halves
    "州长　洪　庆",  # a padded name
    "福建省人民政府省长 赵龙",  # a speaker line
    "\u3000\u3000同志们：",  # an indent
    "| 指标 | 目标 | 完成 |",  # a Markdown table row
    "电话： 0571-88888888",  # a number after the mark
    "The meeting opened at 9:00 a.m. in Beijing.",  # English prose
    "第十六届 人民代表大会第五次会议",  # between two Hanzi: a title block is spaced by design
]


@pytest.mark.parametrize(("text", "span"), MUST_FLAG)
def test_must_flag(text: str, span: str) -> None:
    assert ("punctuation.space", span) in findings(text)


@pytest.mark.parametrize("text", MUST_NOT_FLAG)
def test_must_not_flag(text: str) -> None:
    assert [f for f in findings(text) if f[0] == "punctuation.space"] == []


def test_fix_deletes_the_space_and_keeps_the_rest(tmp_path: Path) -> None:
    draft = tmp_path / "总结.txt"
    draft.write_text("工作总结\n\n全年完成投资6.2亿元 ，古镇保护工程建成开放。 群众满意。\n", encoding="utf-8")
    command = [sys.executable, "-m", "drafter", "check", str(draft), "--fix"]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    assert draft.read_text(encoding="utf-8") == "工作总结\n\n全年完成投资6.2亿元，古镇保护工程建成开放。群众满意。\n"


def test_the_report_says_what_to_do_with_a_mark(tmp_path: Path) -> None:
    """A bare mark after 建议： read as a typo (建议：：); a space to delete had no suggestion line."""
    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n各位领导:\n今年以来 ，我们取得了成绩。\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(draft)], capture_output=True, text=True, encoding="utf-8"
    )
    assert "建议：改为“：”" in done.stdout
    assert "建议：删去" in done.stdout
