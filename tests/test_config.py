"""A team's config: its own placeholder forms, disabled rules and severities, found where
documented, and every mistake in it named with the file."""

from __future__ import annotations

import json
import os
from pathlib import Path

from drafter.config import user_config_path


def _findings(run_cli, path: Path, *extra: str) -> list[dict]:
    result = run_cli("check", str(path), "--format", "json", *extra)
    assert result.status in (0, 1), result.err
    return json.loads(result.out)


def test_team_patterns_from_a_project_file_found_upward(isolated: Path, run_cli) -> None:
    (isolated / "drafter.toml").write_text(
        '[[placeholder]]\nid = "tbd"\npattern = "（待定）|待补充"\ntitle = "待定标记"\nseverity = "warning"\n',
        encoding="utf-8",
    )
    sub = isolated / "2024" / "讲话"
    sub.mkdir(parents=True)
    draft = sub / "稿.txt"
    draft.write_text("会议地点（待定），议程待补充。", encoding="utf-8")
    os.chdir(sub)
    found = _findings(run_cli, draft)
    assert [(f["rule"], f["text"], f["severity"]) for f in found] == [
        ("placeholder.tbd", "（待定）", "warning"),
        ("placeholder.tbd", "待补充", "warning"),
    ]
    # Warnings only: exit 0.
    assert run_cli("check", str(draft)).status == 0
    assert "placeholder.tbd" in run_cli("check", "--list-rules").out


def test_user_config_disables_and_changes_severity(isolated: Path, run_cli) -> None:
    path = user_config_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        '[check]\ndisable = ["placeholder.mou"]\n[check.severity]\n"placeholder.x" = "info"\n',
        encoding="utf-8",
    )
    draft = isolated / "a.txt"
    draft.write_text("某某和XX", encoding="utf-8")
    assert [(f["rule"], f["severity"]) for f in _findings(run_cli, draft)] == [("placeholder.x", "info")]


def test_overlapping_team_and_builtin_forms_report_once(isolated: Path, run_cli) -> None:
    cfg = isolated / "extra.toml"
    cfg.write_text('[[placeholder]]\nid = "bracket"\npattern = "【[^】]*】"\n', encoding="utf-8")
    draft = isolated / "a.txt"
    draft.write_text("【请填写单位】与【单位名称】", encoding="utf-8")
    found = _findings(run_cli, draft, "--config", str(cfg))
    assert [(f["rule"], f["text"]) for f in found] == [
        ("placeholder.prompt", "【请填写单位】"),
        ("placeholder.bracket", "【单位名称】"),
    ]


def test_mistakes_in_config_name_the_file(isolated: Path, run_cli) -> None:
    draft = isolated / "a.txt"
    draft.write_text("x", encoding="utf-8")
    cases = {
        "[check]\ndisabel = []\n": "未知的配置项 'check.disabel'",
        '[[placeholder]]\nid = "a"\npattern = "("\n': "不是有效的正则表达式",
        '[[placeholder]]\npattern = "x"\n': "缺少 'id'",
        '[check.severity]\n"placeholder.x" = "fatal"\n': "error、warning 或 info",
        "[check\n": "TOML 格式错误",
        "colour = 1\n": "未知的配置项 'colour'",
    }
    for text, expect in cases.items():
        cfg = isolated / "bad.toml"
        cfg.write_text(text, encoding="utf-8")
        result = run_cli("check", str(draft), "--config", str(cfg))
        assert result.status == 2, text
        assert result.err.startswith(f"drafter: {cfg}") and expect in result.err, result.err
        assert len(result.err.strip().splitlines()) == 1
    missing = run_cli("check", str(draft), "--config", str(isolated / "nope.toml"))
    assert missing.status == 2 and "配置文件不存在" in missing.err


def test_toml_error_names_the_line(isolated: Path, run_cli) -> None:
    cfg = isolated / "drafter.toml"
    cfg.write_text('[check]\ndisable = ["a"]\nonly = [\n', encoding="utf-8")
    draft = isolated / "a.txt"
    draft.write_text("x", encoding="utf-8")
    result = run_cli("check", str(draft))
    assert result.status == 2
    assert f"{cfg.resolve()}:" in result.err or f"{cfg}:" in result.err
