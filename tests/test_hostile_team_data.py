"""Issue 17: one bad team file never breaks every writer of the team. Alias bombs, runaway
regular expressions, templates that loop, multiply or include /etc/passwd, and presets or configs
out of range are each one line naming the file (and key or line), in bounded time."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from drafter.errors import DataFileError, shown
from drafter.templating import read_template, render

BOMB_LEVELS = 9


def alias_bomb(key: str) -> str:
    """Nine levels of nine references each: 9**9 = 387 million strings once expanded."""
    lines = [f'b0: &b0 ["{"x" * 20}", "{"x" * 20}", "{"x" * 20}", "{"x" * 20}", "{"x" * 20}", "{"x" * 20}"]']
    for i in range(1, BOMB_LEVELS):
        refs = ", ".join([f"*b{i - 1}"] * 9)
        lines.append(f"b{i}: &b{i} [{refs}]")
    return "\n".join(lines) + f"\n{key}: *b{BOMB_LEVELS - 1}\n"


def test_alias_bomb_in_a_bank_entry_is_refused_with_file_and_line(tmp_path: Path, run_cli, monkeypatch) -> None:
    team = tmp_path / "team"
    team.mkdir()
    entry = "category: 测试\nentries:\n  - id: *b8\n    text: 一条\n"
    bomb = alias_bomb("unused").replace("unused: *b8\n", "") + entry
    (team / "bomb.yaml").write_text(bomb, encoding="utf-8")
    monkeypatch.setenv("DRAFTER_BANK_PATH", str(team))
    start = time.monotonic()
    result = run_cli("phrases", "search", "党建")
    assert time.monotonic() - start < 60  # bounded, not a speed figure: an expanded bomb never ends
    assert result.status == 2 and "Traceback" not in result.err
    assert f"{team / 'bomb.yaml'}:" in result.err and "别名" in result.err
    assert len(result.err) < 400
    draft = tmp_path / "稿.txt"
    draft.write_text("今天召开**会议。\n", encoding="utf-8")
    start = time.monotonic()
    checked = run_cli("check", str(draft), "--format", "json")  # the bad bank does not stop a check
    assert time.monotonic() - start < 60 and checked.status == 1 and "内部错误" not in checked.err


@pytest.mark.parametrize("where", ["preset", "template"])
def test_alias_bomb_in_a_preset_or_template_metadata(tmp_path: Path, where: str) -> None:
    from drafter.export.presets import load_preset

    if where == "preset":
        path = tmp_path / "bomb.yaml"
        path.write_text(alias_bomb("description"), encoding="utf-8")
        call = lambda: load_preset(str(path))  # noqa: E731
    else:
        path = tmp_path / "bomb.txt.j2"
        meta = alias_bomb("description").replace("\n", "\n", 1)
        path.write_text(f"{{#---\nid: bomb\ntitle: 炸弹\ngenre: review-speech\n{meta}---#}}\n正文\n", encoding="utf-8")
        call = lambda: read_template(path)  # noqa: E731
    start = time.monotonic()
    with pytest.raises(DataFileError) as caught:
        call()
    assert time.monotonic() - start < 5
    assert str(caught.value).startswith(str(path)) and "别名" in str(caught.value)


def test_values_in_messages_are_short_and_sanitised() -> None:
    assert shown("a" * 10_000) == "a" * 30 + "…"
    assert shown("\x1b[2J\u202e坏") == "?[2J?坏"
    assert shown([1] * 10**6) == "（含 1000000 项的列表）"


@pytest.mark.parametrize("pattern", ["(a+)+$", "(x|xy)*z", r"(\w+\s?)*$", r"\d+\d+$"])
def test_catastrophic_team_pattern_is_refused_naming_the_file(isolated: Path, run_cli, pattern: str) -> None:
    cfg = isolated / "team.toml"
    cfg.write_text(f"[[placeholder]]\nid = \"slow\"\npattern = '{pattern}'\n", encoding="utf-8")
    draft = isolated / "稿.txt"
    draft.write_text("a" * 40 + "!\n", encoding="utf-8")
    start = time.monotonic()
    result = run_cli("check", str(draft), "--config", str(cfg))
    assert time.monotonic() - start < 5
    assert result.status == 2 and result.err.startswith(f"drafter: {cfg}") and "可能极慢" in result.err


def test_safe_team_patterns_still_work(isolated: Path, run_cli) -> None:
    cfg = isolated / "team.toml"
    cfg.write_text("[[placeholder]]\nid = \"dept\"\npattern = '(?:\\d+\\.)+待定'\n", encoding="utf-8")
    draft = isolated / "稿.txt"
    draft.write_text("见第1.2.待定条。\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--config", str(cfg), "--format", "json")
    assert result.status == 1 and "1.2.待定" in result.out


def _template(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt.j2"
    path.write_text(f"{{#---\nid: {name}\ntitle: 团队模板\ngenre: review-speech\n---#}}\n{body}", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("{{ 10 ** 100000000 }}", "乘方"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "循环次数"),
        ("{{ 'a' * 10**9 }}", "重复生成"),
        ("{% set ns = namespace(s='ab') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "拼接"),
        ("{{ 'a' | center(10**9) }}", "过大"),
        ("{{ '%1000000000s' % 'a' }}", "格式宽度"),
        ("{% for i in range(99999) %}{{ 'x' * 99 }}{% endfor %}", "生成的文字超过"),
    ],
)
def test_templates_render_under_limits(tmp_path: Path, body: str, words: str) -> None:
    template = read_template(_template(tmp_path / "team", "heavy", "第一行\n" + body + "\n"))
    start = time.monotonic()
    with pytest.raises(DataFileError) as caught:
        render(template, {})
    assert time.monotonic() - start < 5
    message = str(caught.value)
    assert message.startswith(str(template.source)) and "模板超出限制" in message and words in message, message


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_include_never_reads_outside_the_layer_folder(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:机密\n", encoding="utf-8")
    team = tmp_path / "team"
    team.mkdir()
    (team / "part.txt").symlink_to(secret)
    (team / "ok.txt").write_text("本层的片段\n", encoding="utf-8")
    good = read_template(_template(team, "good", "{% include 'ok.txt' %}"))
    assert "本层的片段" in render(good, {})
    for name, body in (
        ("viasymlink", "{% include 'part.txt' %}"),
        ("viadots", "{% include '../secret.txt' %}"),
        ("absolute", f"{{% include '{secret}' %}}"),
    ):
        template = read_template(_template(team, name, body))
        with pytest.raises(DataFileError) as caught:
            render(template, {})
        assert "机密" not in str(caught.value)


@pytest.mark.parametrize(
    ("yaml_text", "words"),
    [
        ("body:\n  size_pt: .inf\n", "'body.size_pt'"),
        ("body:\n  size_pt: .nan\n", "'body.size_pt'"),
        ("body:\n  size_pt: 1000\n", "超出范围"),
        ("page:\n  width_mm: 100000\n", "'page.width_mm'"),
        ("body:\n  align: [left]\n", "'body.align'"),
    ],
)
def test_presets_are_validated_with_ranges_naming_file_and_key(tmp_path: Path, yaml_text: str, words: str) -> None:
    from drafter.export.presets import load_preset

    path = tmp_path / "house.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_preset(str(path))
    assert str(caught.value).startswith(str(path)) and words in str(caught.value)


def test_deeply_nested_toml_names_the_file(isolated: Path, run_cli) -> None:
    cfg = isolated / "deep.toml"
    cfg.write_text("x = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    draft = isolated / "稿.txt"
    draft.write_text("正文。\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--config", str(cfg))
    assert result.status == 2 and result.err.startswith(f"drafter: {cfg}") and "嵌套" in result.err
    cfg.write_text('[check.severity]\n"placeholder.x" = {a = 1}\n', encoding="utf-8")
    result = run_cli("check", str(draft), "--config", str(cfg))
    assert result.status == 2 and "check.severity.placeholder.x" in result.err


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_a_fifo_in_a_team_folder_does_not_hang_anyone(tmp_path: Path, run_cli, monkeypatch, alarm_30s) -> None:
    bank = tmp_path / "bank"
    bank.mkdir()
    os.mkfifo(bank / "管道.yaml")
    monkeypatch.setenv("DRAFTER_BANK_PATH", str(bank))
    searched = run_cli("phrases", "search", "党建")
    assert searched.status in (0, 2) and "Traceback" not in searched.err  # skipped or named, never hung
    monkeypatch.delenv("DRAFTER_BANK_PATH")
    templates = tmp_path / "templates"
    templates.mkdir()
    os.mkfifo(templates / "管道.txt.j2")
    listed = run_cli("templates", "list", "--templates", str(templates))
    assert listed.status == 2 and "不是普通文件" in listed.err
    os.mkfifo(tmp_path / "配置.toml")
    draft = tmp_path / "稿.txt"
    draft.write_text("正文。\n", encoding="utf-8")
    checked = run_cli("check", str(draft), "--config", str(tmp_path / "配置.toml"))
    assert checked.status == 2 and "不是普通文件" in checked.err
    os.mkfifo(tmp_path / "预设.yaml")
    exported = run_cli("export", str(draft), "--preset", str(tmp_path / "预设.yaml"), "-o", str(tmp_path / "x.docx"))
    assert exported.status == 2 and "Traceback" not in exported.err


@pytest.fixture
def alarm_30s():  # type: ignore[no-untyped-def]
    import signal

    def hung(signum, frame):  # type: ignore[no-untyped-def]
        raise TimeoutError("hung on a special file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
