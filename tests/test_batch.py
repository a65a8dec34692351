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
