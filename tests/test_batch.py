"""Checking a folder on every core gives the same results, in the same order, as one core; an
unreadable file is a result like any other and does not stop the others."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from drafter.batch import PARALLEL_FROM, check_files, engine_from_options


def test_parallel_results_match_one_core_in_order(tmp_path: Path) -> None:
    names = []
    for i in range(PARALLEL_FROM + 12):
        path = tmp_path / f"{i:03d}.txt"
        if i == 7:
            path.write_bytes(b"%PDF-1.4 not a draft")
        else:
            path.write_text(f"讲话\n\n同志们：\n今天召开第{i}次会议，参会**人，抗在肩上。\n", encoding="utf-8")
        names.append(str(path))
    names.append(str(tmp_path / "不存在.txt"))
    factory = partial(engine_from_options, [], [], [])
    one = list(check_files(names, factory, 1))
    two = list(check_files(names, factory, 2))
    assert [r.name for r in two] == names
    assert [(r.name, [(f.rule, f.line, f.column) for f in r.findings], r.error) for r in one] == [
        (r.name, [(f.rule, f.line, f.column) for f in r.findings], r.error) for r in two
    ]
    assert two[7].error and "PDF" in two[7].error and two[-1].error
    assert all(r.findings for i, r in enumerate(two) if i not in (7, len(names) - 1))


def test_folder_report_is_one_json_document_in_order_whatever_the_cores(tmp_path: Path) -> None:
    import json
    import subprocess
    import sys

    for i in range(PARALLEL_FROM + 4):
        (tmp_path / f"{i:03d}.txt").write_text(f"讲话\n\n同志们：\n第{i}次会议，参会**人。\n", encoding="utf-8")
    (tmp_path / "坏.txt").write_bytes(b"%PDF-1.4")
    outputs = []
    for jobs in ("1", "2"):
        run = subprocess.run(
            [sys.executable, "-m", "drafter", "check", str(tmp_path), "--format", "json", "--jobs", jobs],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert run.returncode == 2 and "坏.txt" in run.stderr and "Traceback" not in run.stderr
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    assert [f["path"] for f in outputs[0]] == sorted(f["path"] for f in outputs[0])


def test_results_encoded_by_the_workers_are_the_reports_own_bytes(tmp_path: Path) -> None:
    """check_files(report=...) hands back each file's findings already encoded (the work done on
    every core); joined, they are what the report writes from the findings themselves."""
    import io

    from drafter.report import JsonWriter, write_human

    names = []
    for i in range(PARALLEL_FROM + 6):
        path = tmp_path / f"{i:03d}.txt"
        path.write_text(f"讲话\n\n同志们：\n今天召开第{i}次会议，参会**人，抗在肩上。\n", encoding="utf-8")
        names.append(str(path))
    (tmp_path / "空.txt").write_text("", encoding="utf-8")
    names.append(str(tmp_path / "空.txt"))
    factory = partial(engine_from_options, [], [], [])
    plain = list(check_files(names, factory, 2))
    as_json = list(check_files(names, factory, 2, report="json"))
    as_human = list(check_files(names, factory, 2, report="human"))
    assert all(r.encoded is None for r in plain) and not any(r.findings for r in as_json)
    expected, got = io.StringIO(), io.StringIO()
    writer, mine = JsonWriter(expected), JsonWriter(got)
    for p, j, h in zip(plain, as_json, as_human, strict=True):
        writer.add(p.findings)
        mine.add_encoded(j.encoded or [])
        human = io.StringIO()
        write_human(p.findings, human)
        assert "".join(h.encoded or []) == human.getvalue()
        severities: dict[str, int] = {}
        for f in p.findings:
            severities[f.severity.value] = severities.get(f.severity.value, 0) + 1
        assert j.counts == h.counts == severities and j.empty == p.empty
    writer.close()
    mine.close()
    assert got.getvalue() == expected.getvalue() and '"rule"' in got.getvalue()
    assert as_json[-1].empty and as_json[-1].encoded == []


def test_folder_human_report_is_the_same_bytes_on_one_core_and_on_two(tmp_path: Path) -> None:
    import subprocess
    import sys

    for i in range(PARALLEL_FROM + 4):
        (tmp_path / f"{i:03d}.txt").write_text(f"讲话\n\n同志们：\n第{i}次会议，参会**人。\n", encoding="utf-8")
    (tmp_path / "空.txt").write_text("", encoding="utf-8")
    runs = [
        subprocess.run(
            [sys.executable, "-m", "drafter", "check", str(tmp_path), "--jobs", jobs, "--color", "never"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        for jobs in ("1", "2")
    ]
    assert runs[0].stdout == runs[1].stdout and runs[0].stderr == runs[1].stderr
    assert runs[0].returncode == runs[1].returncode
    assert "空.txt" in runs[0].stderr and "检查了 53 个文件" in runs[0].stdout
