"""Layers (built-in < user < team < --bank), overrides, disabling, and every kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.bank import PhraseBank
from drafter.bank.phrasebank import user_bank_dir
from drafter.errors import DataFileError


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
category: 测试
entries:
  - id: t.one
    text: 第一条测试语句，用于检查分层覆盖。
    role: measure
    tags: [测试]
  - id: t.two
    text: 第二条测试语句。
"""


def test_layers_override_and_disable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    builtin = PhraseBank.load()
    some_builtin = builtin.entries[0]
    user = user_bank_dir()
    write(user, "mine.yaml", GOOD)
    team = tmp_path / "team"
    write(
        team,
        "team.yaml",
        f"""\
entries:
  - id: t.one
    text: 团队改写的第一条。
    category: 团队
  - id: {some_builtin.id}
    disabled: true
""",
    )
    cli = tmp_path / "cli"
    write(cli, "x.yml", "entries:\n  - id: t.two\n    text: 命令行层改写的第二条。\n")
    monkeypatch.setenv("DRAFTER_BANK_PATH", str(team))
    bank = PhraseBank.load(cli)
    assert [layer.kind for layer in bank.layers] == ["内置", "用户", "团队", "命令行"]
    assert bank.get("t.one").text == "团队改写的第一条。"
    assert bank.get("t.one").category == "团队"
    assert bank.get("t.two").text == "命令行层改写的第二条。"
    assert bank.get(some_builtin.id) is None
    assert len(bank) == len(builtin) - 1 + 2
    # Without the standard layers only the given folder is read.
    alone = PhraseBank.load(cli, standard=False)
    assert [e.id for e in alone] == ["t.two"]


def test_several_team_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    a, b = tmp_path / "a", tmp_path / "b"
    write(a, "a.yaml", "entries:\n  - id: t.x\n    text: 甲文件夹的写法。\n")
    write(b, "b.yaml", "entries:\n  - id: t.x\n    text: 乙文件夹的写法。\n")
    monkeypatch.setenv("DRAFTER_BANK_PATH", f"{a}{os.pathsep}{b}")
    assert PhraseBank.load().get("t.x").text == "乙文件夹的写法。"


BAD_FILES = {
    "unknown-key.yaml": (
        "category: 党建\nentries:\n  - id: x\n    text: 文字\n    catgory: 党建\n",
        "bad/unknown-key.yaml:5: 条目 'x'：未知的键 'catgory'（是否想写 'category'？）",
    ),
    "syntax.yaml": ("entries:\n  - id: x\n    text: [未闭合\n", "bad/syntax.yaml:4: YAML 格式错误"),
    "alias.yaml": ("entries:\n  - id: x\n    text: **单位\n", "以 * 开头的文字"),
    "no-text.yaml": ("entries:\n  - id: x\n", "bad/no-text.yaml:2: 条目 'x'：缺少 'text'"),
    "bad-role.yaml": (
        "entries:\n  - id: x\n    text: 文字\n    role: finale\n",
        "bad/bad-role.yaml:4: 条目 'x'：'role'",
    ),
    "bad-kind.yaml": ("entries:\n  - id: x\n    text: 文字\n    kind: poem\n", "'kind' 的值 'poem'"),
    "tags.yaml": ("entries:\n  - id: x\n    text: 文字\n    tags: 党建\n", "'tags' 应是文字的列表"),
    "since.yaml": ("entries:\n  - id: x\n    text: 文字\n    since: 二〇一七\n", "'since' 应是年份"),
    "until.yaml": ("entries:\n  - id: x\n    text: 文字\n    until: 今年\n", "4: 条目 'x'：'until' 应是年份"),
    "until-early.yaml": ("entries:\n  - id: x\n    text: 文字\n    since: 2024\n    until: 2023\n", "早于 'since'"),
    "top.yaml": ("categories: 党建\nentries: []\n", "bad/top.yaml:1: 未知的键 'categories'"),
    "list.yaml": ("- id: x\n  text: 文字\n", "文件应是一个映射"),
    "dup.yaml": (
        "entries:\n  - id: x\n    text: 甲\n  - id: x\n    text: 乙\n",
        "bad/dup.yaml:4: 条目 'x'：编号重复（第 2 行已有）",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_is_one_error_with_file_and_line(tmp_path: Path, name: str) -> None:
    text, expected = BAD_FILES[name]
    bad = write(tmp_path / "bad", name, text)
    with pytest.raises(DataFileError) as caught:
        PhraseBank.load(tmp_path / "bad", standard=False)
    message = str(caught.value).replace(str(tmp_path) + "/", "")
    assert expected in message, message
    assert "\n" not in message
    assert bad.exists()


def test_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "gbk.yaml").write_bytes("entries:\n  - id: x\n    text: 文字\n".encode("gbk"))
    with pytest.raises(DataFileError, match="不是 UTF-8"):
        PhraseBank.load(tmp_path / "bad", standard=False)


def test_duplicate_ids_across_files_of_one_layer(tmp_path: Path) -> None:
    write(tmp_path / "t", "a.yaml", "entries:\n  - id: same\n    text: 甲\n")
    write(tmp_path / "t", "b.yaml", "entries:\n  - id: same\n    text: 乙\n")
    with pytest.raises(DataFileError, match=r"b\.yaml:2: 条目 'same'：编号与 .*a\.yaml:2 重复"):
        PhraseBank.load(tmp_path / "t", standard=False)


def test_lenient_load_reports_and_keeps_the_rest(tmp_path: Path) -> None:
    write(tmp_path / "t", "good.yaml", GOOD)
    write(tmp_path / "t", "bad.yaml", "entries:\n  - id: ok\n    text: 好的一条\n  - id: broken\n    txt: 坏的一条\n")
    write(tmp_path / "t", "worse.yaml", "entries: [\n")
    bank = PhraseBank.load(tmp_path / "t", strict=False)
    assert bank.get("t.one") and bank.get("ok") and bank.get("broken") is None
    assert len(bank.problems) == 2
    assert len(bank) > 800  # the built-in layers still loaded


def test_missing_bank_folder(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="词库文件夹不存在"):
        PhraseBank.load(tmp_path / "nope", standard=False)


def test_lint_cli_reports_all_with_exit_2(tmp_path: Path, run_cli) -> None:
    for name, (text, _) in BAD_FILES.items():
        write(tmp_path / "bad", name, text)
    write(tmp_path / "bad", "good.yaml", GOOD)
    result = run_cli("phrases", "lint", str(tmp_path / "bad"))
    assert result.status == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == len(BAD_FILES)
    assert all(line.startswith("drafter: ") for line in lines)
    assert f"发现 {len(BAD_FILES)} 处问题" in result.out
    clean = run_cli("phrases", "lint")
    assert clean.status == 0 and "未发现问题" in clean.out


def test_search_cli_with_a_bad_team_file_is_exit_2(tmp_path: Path, run_cli) -> None:
    write(tmp_path / "bad", "x.yaml", BAD_FILES["unknown-key.yaml"][0])
    result = run_cli("phrases", "search", "党建", "--bank", str(tmp_path / "bad"))
    assert result.status == 2 and "未知的键 'catgory'" in result.err and "Traceback" not in result.err


def test_unmounted_team_folder_is_skipped_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_cli
) -> None:
    monkeypatch.setenv("DRAFTER_BANK_PATH", str(tmp_path / "not-mounted"))
    bank = PhraseBank.load()
    assert len(bank) > 800
    assert bank.notices and "团队词库文件夹不存在" in bank.notices[0]
    result = run_cli("phrases", "search", "lgql")
    assert result.status == 0 and "团队词库文件夹不存在" in result.err


def test_since_and_until_are_read_and_survive_the_cache(tmp_path: Path) -> None:
    text = "entries:\n  - id: c.one\n    text: 开展学习教育。\n    since: 2024\n    until: 2024\n    role: measure\n"
    write(tmp_path / "t", "c.yaml", text)
    for _ in range(2):  # the second load reads the cache
        entry = PhraseBank.load(tmp_path / "t", standard=False).get("c.one")
        assert entry is not None and (entry.since, entry.until, entry.role) == (2024, 2024, "measure")
        assert entry.to_json()["until"] == 2024
