"""Issue 17: a fuzz run in the suite. A few hundred seeded mutations of real .docx and text files,
checked in one run and one by one: always exit 0, 1 or 2, never a traceback or an internal error,
never a hang (an alarm stops the test if one case runs away)."""

from __future__ import annotations

import functools
import json
import os
import signal
from pathlib import Path

import pytest
from fuzzing import case, seeds

CASES = 300


@functools.cache
def _cases() -> list[tuple[str, bytes]]:
    return [case(seed) for seed in range(CASES)]


@pytest.fixture
def alarm():  # type: ignore[no-untyped-def]
    if os.name == "nt" or not hasattr(signal, "SIGALRM"):
        yield
        return

    def hung(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("a fuzz case ran for more than 60 s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_seeds_are_real_files() -> None:
    from drafter.readers import read_bytes

    for suffix, data in seeds():
        assert read_bytes(data, "seed" + suffix, suffix).text


def test_every_mutation_ends_in_0_1_or_2_with_json(tmp_path: Path, run_cli, alarm) -> None:
    paths = []
    for seed, (suffix, data) in enumerate(_cases()):
        path = tmp_path / f"case{seed:04d}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    result = run_cli("check", *map(str, paths), "--format", "json")
    assert result.status in (0, 1, 2)
    assert "内部错误" not in result.err and "Traceback" not in result.err
    json.loads(result.out)  # the JSON is printed whatever the files held
    # At most one line per unreadable file.
    assert len(result.err.strip().splitlines()) <= len(paths)


def test_each_mutation_alone_in_human_output(tmp_path: Path, run_cli, alarm) -> None:
    outcomes: dict[int, int] = {}
    for seed, (suffix, data) in enumerate(_cases()[:60]):
        path = tmp_path / f"case{seed:04d}{suffix}"
        path.write_bytes(data)
        result = run_cli("check", str(path), "--color", "never")
        assert result.status in (0, 1, 2), (seed, result.err)
        assert "内部错误" not in result.err, (seed, result.err)
        assert len(result.err.strip().splitlines()) <= 1, (seed, result.err)
        assert "\x1b" not in result.out, seed
        outcomes[result.status] = outcomes.get(result.status, 0) + 1
    assert outcomes.get(2, 0) and (outcomes.get(0, 0) + outcomes.get(1, 0))  # both kinds were exercised
