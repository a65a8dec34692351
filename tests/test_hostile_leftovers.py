"""Issue 17 cases that had no test of their own: bombed styles and numbering under --annotate,
and an alias bomb in the bank the editor loads (it froze the screen and lost what was typed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hostile import real_docx, replace_part
from test_hostile_team_data import alias_bomb


@pytest.mark.parametrize("part", ["word/styles.xml", "word/numbering.xml"])
def test_a_bombed_part_under_annotate_is_one_line_and_the_run_goes_on(tmp_path: Path, run_cli, part: str) -> None:
    data = replace_part(real_docx(), part, stream_zeros=30 * 2**20)
    assert len(data) < 200_000  # 30 MB of paragraphs compress to kilobytes
    bad = tmp_path / "炸弹.docx"
    bad.write_bytes(data)
    good = tmp_path / "好.docx"
    good.write_bytes(real_docx())
    start = time.monotonic()
    result = run_cli("check", str(bad), str(good), "--annotate", "--format", "json")
    assert time.monotonic() - start < 30
    assert result.status == 2, result.err
    lines = [line for line in result.err.splitlines() if str(bad) in line]
    assert len(lines) == 1 and part in lines[0] and "过大" in lines[0], result.err
    assert "内部错误" not in result.err and "Traceback" not in result.err
    assert (tmp_path / "好.审校.docx").exists() and not (tmp_path / "炸弹.审校.docx").exists()
    assert [f["text"] for f in json.loads(result.out)] == ["**", "XX"]


@pytest.mark.parametrize("key", ["id", "role"])
def test_an_alias_bomb_in_the_editors_bank_is_a_short_note(tmp_path: Path, monkeypatch, key: str) -> None:
    from drafter.services.bank import load_bank

    team = tmp_path / "team"
    team.mkdir()
    fields = "text: 一条\n    id: *b8" if key == "id" else "id: ok-id\n    text: 一条\n    role: *b8"
    entry = f"category: 测试\nentries:\n  - {fields}\n"
    bomb = alias_bomb("unused").replace("unused: *b8\n", "") + entry
    (team / "bomb.yaml").write_text(bomb, encoding="utf-8")
    monkeypatch.setenv("DRAFTER_BANK_PATH", str(team))
    start = time.monotonic()
    loaded = load_bank(lenient=True)  # what the editor does at start-up
    assert time.monotonic() - start < 10
    assert loaded.bank is not None and len(list(loaded.bank)) > 100  # the built-in bank still loads
    notes = [n for n in loaded.notes if "bomb.yaml" in n]
    assert len(notes) == 1 and "别名" in notes[0] and len(notes[0]) < 300, loaded.notes
