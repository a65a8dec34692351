"""`drafter check` as a writer runs it: output shape, exit codes, rule selection, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.checks import build_engine


def test_human_output_marks_the_blank_and_ends_with_a_summary(seed: Path, run_cli) -> None:
    result = run_cli("check", str(seed), "--color", "never", "--only", "placeholder")
    assert result.status == 1
    lines = result.out.splitlines()
    assert lines[0].startswith(f"{seed}:4:11: 错误 未填写的占位符“**”")
    assert lines[0].endswith("[placeholder.stars]")
    assert lines[1] == "    今天，我们在这里召开▶**◀企2022年度所属企业党组织书记抓党…"
    assert lines[-1] == "发现 49 处问题（错误 49）：检查了 1 个文件"
    assert "\x1b[" not in result.out


def test_colour_when_asked(seed: Path, run_cli) -> None:
    out = run_cli("check", str(seed), "--color", "always").out
    assert "\x1b[1;7;31m**\x1b[0m" in out


def test_json_has_exactly_the_documented_keys(seed: Path, run_cli) -> None:
    result = run_cli("check", str(seed), "--format", "json", "--only", "placeholder")
    data = json.loads(result.out)
    assert len(data) == 49
    for item in data:
        assert list(item) == ["path", "line", "column", "rule", "severity", "text", "message", "suggestion"]
        assert item["severity"] == "error" and item["suggestion"] is None
        assert item["rule"].startswith("placeholder")


def test_clean_file_exits_0(tmp_path: Path, run_cli) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text("同志们：\n二〇二三年，我们完成了3×4米的展板。\n", encoding="utf-8")
    result = run_cli("check", str(clean))
    assert result.status == 0
    assert result.out.strip() == "未发现问题：检查了 1 个文件"
    assert json.loads(run_cli("check", str(clean), "--format", "json").out) == []


def test_only_and_disable(tmp_path: Path, run_cli) -> None:
    f = tmp_path / "a.txt"
    f.write_text("**单位由某某负责，XX主持。", encoding="utf-8")

    def rules(*extra: str) -> list[str]:
        return [x["rule"] for x in json.loads(run_cli("check", str(f), "--format", "json", *extra).out)]

    assert rules() == ["placeholder.stars", "placeholder.mou", "placeholder.x"]
    assert rules("--only", "placeholder.mou") == ["placeholder.mou"]
    assert rules("--disable", "placeholder.mou,placeholder.x") == ["placeholder.stars"]
    assert rules("--disable", "placeholder") == []


def test_unknown_rule_is_a_usage_error(tmp_path: Path, run_cli) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    result = run_cli("check", str(f), "--only", "placeholdr")
    assert result.status == 2 and "未知的规则 'placeholdr'" in result.err


def test_list_rules(run_cli) -> None:
    result = run_cli("check", "--list-rules")
    assert result.status == 0
    ids = [line.split()[0] for line in result.out.splitlines()]
    assert ids == [r.id for r in build_engine().rules()]
    assert "placeholder.stars" in ids and "placeholder.prompt" in ids


def test_no_paths_is_a_usage_error(run_cli) -> None:
    result = run_cli("check")
    assert result.status == 2 and "请给出要检查的文件" in result.err


def test_bad_option_is_exit_2_in_chinese(run_cli) -> None:
    result = run_cli("check", "--format", "xml", "a.txt")
    assert result.status == 2 and "参数错误" in result.err


@pytest.mark.parametrize("args", [(), ("--help",), ("check", "--help")])
def test_help_reads_well(run_cli, args) -> None:
    result = run_cli(*args)
    assert result.status == 0
    assert "drafter" in result.out
    if args == ("check", "--help"):
        assert "退出码" in result.out and "drafter.toml" in result.out and "页眉" in result.out
    else:
        assert "check" in result.out and "讲话稿" in result.out


def test_console_script_and_module_entry_points(seed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    by_module = subprocess.run(
        [sys.executable, "-m", "drafter", "check", str(seed), "--format", "json", "--only", "placeholder"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
    )
    assert by_module.returncode == 1
    assert len(json.loads(by_module.stdout)) == 49
    script = Path(sys.executable).with_name("drafter")
    if script.exists():
        by_script = subprocess.run(
            [str(script), "check", str(seed), "--only", "placeholder"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
        )
        assert by_script.returncode == 1 and "发现 49 处问题" in by_script.stdout


def test_seed_with_every_rule_finds_the_three_real_defects(seed: Path, run_cli) -> None:
    data = json.loads(run_cli("check", str(seed), "--format", "json").out)
    others = [
        (f["line"], f["rule"], f["text"], f["suggestion"]) for f in data if not f["rule"].startswith("placeholder")
    ]
    assert others == [
        (12, "formulation.misquote", "谈国理政", "谈治国理政"),
        (19, "formulation.misquote", "抗在肩上", "扛在肩上"),
        (20, "repetition.doubled", "发扬发扬", "发扬"),
    ]
