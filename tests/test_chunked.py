"""A big file checked in parts (drafter/checks/chunked.py) gives exactly the findings of the whole
document, in the same order: on every corpus file cut into tiny parts, at the cases where what a
rule needs lies across a cut, and through `drafter check` with worker processes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from drafter.checks import build_engine, chunked
from drafter.checks.registry import is_local
from drafter.document import Document
from drafter.readers import read_path
from drafter.report import JsonWriter, format_finding

CORPUS = Path(__file__).resolve().parent / "corpus"
SEED_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "seed"
# The labelled and published texts the suite may read (the blind and held-out sets stay untouched).
CORPUS_DIRS = ("clean", "clean_traps", "defects", "published")


@pytest.fixture(scope="module")
def engine():
    return build_engine()


def _whole(engine, doc: Document, report: str = "json") -> str:
    if report == "human":
        return "".join(format_finding(f) + "\n" for f in engine.check(doc))
    out = io.StringIO()
    writer = JsonWriter(out)
    writer.add(engine.check(doc))
    writer.close()
    return out.getvalue()


def _parts(engine, doc: Document, part_chars: int, margin: int, report: str = "json") -> str:
    outputs = chunked.check_in_parts(doc, engine, report=report, part_chars=part_chars, margin=margin)
    if report == "human":
        return "".join(piece for out in outputs for piece in out.pieces)
    out = io.StringIO()
    writer = JsonWriter(out)
    for part in outputs:
        writer.add_encoded(part.pieces)
    writer.close()
    return out.getvalue()


def _corpus_files() -> list[Path]:
    files = [p for d in CORPUS_DIRS for p in sorted((CORPUS / d).rglob("*")) if p.suffix in (".txt", ".md")]
    return files + sorted(SEED_DIR.glob("*.txt"))


def test_the_corpus_is_there() -> None:
    assert len(_corpus_files()) >= 60


@pytest.mark.parametrize("part_chars, margin", [(1, 0), (40, 10), (700, 200)])
def test_every_corpus_file_in_tiny_parts_gives_the_whole_documents_findings(engine, part_chars, margin) -> None:
    compared = findings = 0
    for path in _corpus_files():
        doc = read_path(path)
        whole = _whole(engine, doc)
        assert _parts(engine, doc, part_chars, margin) == whole, path
        compared += 1
        findings += len(json.loads(whole))
    assert compared >= 60 and findings >= 150


def test_the_human_report_in_parts_is_the_same_text(engine) -> None:
    doc = read_path(CORPUS / "defects" / "01_shuzhi_pingyi_jianghua.txt")
    whole = _whole(engine, doc, "human")
    assert whole and _parts(engine, doc, 1, 0, "human") == whole


# Each case puts what a rule needs on one side of a cut and the finding on the other; every line
# is its own part (part_chars=1), so every line boundary is a cut.
CASES = {
    # The title is a title only at the top: a short line ending in "." further down is not one.
    "title and line kinds": (
        "关于做好2024年工作的讲话.\n\n同志们：\n今天开会.\n一、总体要求\n(一)加强领导，抓好落实。\n抓好落实.\n",
        {"punctuation.placement", "punctuation.halfwidth"},
    ),
    # Announced before the cut, counted after it.
    "enumeration across a cut": (
        "我讲三点意见。\n一是加强学习。\n二是改进作风。\n\n下面讲第二个问题。\n",
        {"enumeration.count"},
    ),
    # The year is read from the date line at the very end.
    "currency year at the end": ("讲话\n\n同志们：\n今年是“十四五”规划收官之年。\n\n2026年3月1日\n", {"currency.plan"}),
    # A date without a year is judged against the years the whole document names.
    "date against a year named later": ("会议定于7月1日（星期一）召开。\n\n总结2025年的工作。\n", {"date.weekday"}),
    # A local and a whole-document finding at the same offset keep the families' order.
    "same offset, two families": (
        "第一行。\n会议于2024年02月30日召开。\n第三行。\n",
        {"punctuation.date", "date.impossible"},
    ),
    # Invisible characters right at the start of a part are still seen through, and placed back.
    "invisible character at a cut": ("第一行**。\n\u200b*\u200b*同志主持会议。\n第三行∗∗。\n", {"placeholder.stars"}),
    # Headings numbered out of step, each heading in its own part.
    "numbering across parts": ("一、总体要求\n内容。\n三、工作安排\n内容。\n1、具体任务\n", {"numbering.sequence"}),
}


@pytest.mark.parametrize("name", list(CASES))
def test_boundary_cases_give_the_whole_documents_findings(engine, name) -> None:
    text, rules = CASES[name]
    for fmt in ("text", "markdown"):
        doc = Document("稿.txt", fmt, text)
        whole = _whole(engine, doc)
        assert rules <= {f["rule"] for f in json.loads(whole)}, whole
        for part_chars, margin in ((1, 0), (3, 1), (10, 5)):
            assert _parts(engine, doc, part_chars, margin) == whole, (name, fmt, part_chars)


def test_a_docx_keeps_its_locations_in_parts(tmp_path: Path, engine) -> None:
    from docx_builder import new_document

    document = new_document()
    document.sections[0].header.paragraphs[0].text = "**单位文件"
    for i in range(30):
        document.add_paragraph(f"第{i}段，参会**人，抗在肩上。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "XX万元"
    table.cell(0, 1).text = "同比增长**%"
    path = tmp_path / "稿.docx"
    document.save(path)
    doc = read_path(path)
    assert doc.locations and "页眉" in doc.locations
    whole = _whole(engine, doc, "human")
    assert "（页眉）" in whole and "（表格" in whole
    assert _parts(engine, doc, 1, 0, "human") == whole
    assert _parts(engine, doc, 50, 20) == _whole(engine, doc)


def test_a_replaced_family_is_checked_on_the_whole_document(engine) -> None:
    placeholder = next(f for f in engine.families if f.name == "placeholder")
    assert is_local("placeholder", placeholder)

    class Lookalike:
        name = "placeholder"

    assert not is_local("placeholder", Lookalike())
    numbering = next(f for f in engine.families if f.name == "numbering")
    assert not is_local("numbering", numbering)


def _big_text() -> str:
    lines = [
        "在2024年工作会议上的讲话",
        "",
        "同志们：",
        "今天召开**会议，共有**家单位参加，大家要再接再励。",
        "我讲三点意见。",
        "一是加强学习。二是改进作风。",
        "一、总体要求",
        "(一)加强领导，抓好落实。会议于2024年02月30日召开。",
        "三、工作安排",
        "要坚持问题导向，聚焦群众急难愁盼，把服务做到群众心坎上。",
    ]
    return "\n".join(lines * 60) + "\n"


@pytest.mark.parametrize("report", ["json", "human"])
def test_drafter_check_in_parts_on_two_workers_prints_what_the_whole_check_prints(
    tmp_path: Path, run_cli, monkeypatch, report
) -> None:
    path = tmp_path / "大文件.txt"
    path.write_text(_big_text(), encoding="utf-8")
    monkeypatch.setattr(chunked, "CHUNK_FROM", float("inf"))
    whole = run_cli("check", str(path), "--format", report, "--color", "never")
    monkeypatch.setattr(chunked, "CHUNK_FROM", 1000)
    monkeypatch.setattr(chunked, "PART_CHARS", 2000)
    seen = []
    real = chunked.plan_parts
    monkeypatch.setattr(chunked, "plan_parts", lambda *a: seen.append(real(*a)) or seen[-1])
    for jobs in ("2", "1"):
        parts = run_cli("check", str(path), "--format", report, "--color", "never", "--jobs", jobs)
        assert (parts.status, parts.out, parts.err) == (whole.status, whole.out, whole.err)
    assert len(seen) == 2 and len(seen[0]) >= 3
    assert whole.status == 1 and whole.out.count("enumeration.count") >= 60


def test_a_big_file_among_small_ones_keeps_the_order(tmp_path: Path, run_cli, monkeypatch) -> None:
    (tmp_path / "a.txt").write_text("参会**人。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(_big_text() * 4, encoding="utf-8")
    (tmp_path / "c.txt").write_text("共有XX家单位。\n", encoding="utf-8")
    (tmp_path / "d.txt").write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(chunked, "CHUNK_FROM", float("inf"))
    whole = run_cli("check", str(tmp_path), "--format", "json")
    monkeypatch.setattr(chunked, "CHUNK_FROM", 1000)
    monkeypatch.setattr(chunked, "PART_CHARS", 5000)
    parts = run_cli("check", str(tmp_path), "--format", "json", "--jobs", "2")
    assert (parts.status, parts.out, parts.err) == (whole.status, whole.out, whole.err)
    paths = [Path(f["path"]).name for f in json.loads(parts.out)]
    assert paths[0] == "a.txt" and paths[-1] == "c.txt" and "PDF" in parts.err


@pytest.mark.parametrize("title_year", ["2012", "2026"])
def test_a_part_far_from_the_title_is_judged_by_the_whole_file_s_year(engine, title_year: str) -> None:
    # 三个自信 is right in 2012 (文化自信 joined in 2016): the part holding the list does not hold
    # the title that says 2012, and used to be judged by today's year.
    text = (
        f"{title_year}年工作报告\n\n"
        + "全年工作平稳推进，各项任务顺利完成。\n" * 400
        + "我们要坚定道路自信、理论自信、制度自信，不断前进。\n"
    )
    doc = Document("报告.txt", "text", text)
    whole = _whole(engine, doc)
    parts = _parts(engine, Document("报告.txt", "text", text), part_chars=2000, margin=200)
    assert parts == whole
    assert ("formulation.items" in whole) == (title_year == "2026")
