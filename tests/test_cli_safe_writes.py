"""The CLI's writers (`check --fix`, `renumber`, `new --force`, `import --force`, `export`) refuse
with one line and exit 2 when the file changed on disk while they worked, and keep a draft's
encoding and line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

DRAFT_GBK = "关于工作的讲话\r\n\r\n一、总体情况\r\n要把责任抗在肩上。\r\n三、下一步\r\n继续努力。\r\n"
COLLEAGUE = "同事刚刚改过的版本。\n".encode()


def _meanwhile(monkeypatch: pytest.MonkeyPatch, module: str, name: str, path: Path) -> None:
    """Make `module.name` overwrite `path` (as a colleague would) before doing its work."""
    import importlib

    mod = importlib.import_module(module)
    real = getattr(mod, name)

    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        path.write_bytes(COLLEAGUE)
        return real(*args, **kwargs)

    monkeypatch.setattr(mod, name, wrapper)


def _refused(result, path: Path) -> None:  # type: ignore[no-untyped-def]
    assert result.status == 2, result.err
    assert "读取之后已被其他程序或他人修改" in result.err and str(path) in result.err
    assert "Traceback" not in result.err
    assert path.read_bytes() == COLLEAGUE  # the colleague's version is kept


def test_fix_keeps_gbk_and_crlf(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(DRAFT_GBK.encode("gbk"))
    result = run_cli("check", str(path), "--fix")
    assert "已自动改正" in result.err
    assert path.read_bytes() == DRAFT_GBK.replace("抗在", "扛在").encode("gbk")
    assert (tmp_path / "稿.txt.bak").read_bytes() == DRAFT_GBK.encode("gbk")


def test_fix_refuses_when_the_draft_changed_meanwhile(tmp_path: Path, run_cli, monkeypatch) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(DRAFT_GBK.encode("gbk"))
    _meanwhile(monkeypatch, "drafter.checks.fix", "apply_fixes", path)
    _refused(run_cli("check", str(path), "--fix"), path)


def test_renumber_keeps_gbk_and_crlf_and_refuses_a_changed_draft(tmp_path: Path, run_cli, monkeypatch) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(DRAFT_GBK.encode("gbk"))
    done = run_cli("renumber", str(path))
    assert done.status == 0, done.err
    assert path.read_bytes() == DRAFT_GBK.replace("三、下一步", "二、下一步").encode("gbk")
    assert "UTF-8" not in done.out
    path.write_bytes(DRAFT_GBK.encode("gbk"))
    _meanwhile(monkeypatch, "drafter.draft.edit", "renumber", path)
    _refused(run_cli("renumber", str(path)), path)


def test_new_force_refuses_when_the_target_changed_while_asking(tmp_path: Path, run_cli, monkeypatch) -> None:
    path = tmp_path / "稿.txt"
    path.write_text("旧稿\n", encoding="utf-8")
    _meanwhile(monkeypatch, "drafter.templating", "render", path)
    _refused(run_cli("new", "review-speech", "-o", str(path), "--force", "--allow-missing"), path)


def test_new_force_replaces_an_unchanged_file_with_backup(tmp_path: Path, run_cli) -> None:
    path = tmp_path / "稿.txt"
    path.write_text("旧稿\n", encoding="utf-8")
    result = run_cli("new", "review-speech", "-o", str(path), "--force", "--allow-missing")
    assert result.status == 0, result.err
    assert (tmp_path / "稿.txt.bak").read_text(encoding="utf-8") == "旧稿\n"


def test_export_over_a_file_changed_meanwhile_is_refused(tmp_path: Path, run_cli, monkeypatch) -> None:
    draft = tmp_path / "稿.txt"
    draft.write_text("关于工作的讲话\n\n一、总体情况\n继续努力。\n", encoding="utf-8")
    target = tmp_path / "稿.docx"
    target.write_bytes(b"PK old export")
    _meanwhile(monkeypatch, "drafter.export.docx_writer", "build_docx", target)
    _refused(run_cli("export", str(draft), "-o", str(target)), target)
