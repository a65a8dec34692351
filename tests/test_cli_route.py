"""`drafter 讲话稿.docx` opens the draft like `drafter edit 讲话稿.docx`; commands and options keep
their meaning, and a word that names no draft is still a usage error."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cli import build_parser, main, route


@pytest.mark.parametrize(
    ("argv", "routed"),
    [
        (["讲话稿.docx"], ["edit", "讲话稿.docx"]),
        (["总结.TXT", "--read-only"], ["edit", "总结.TXT", "--read-only"]),
        (["check", "讲话稿.txt"], ["check", "讲话稿.txt"]),
        (["edit", "讲话稿.md"], ["edit", "讲话稿.md"]),
        (["--version"], ["--version"]),
        (["chek"], ["chek"]),
        ([], []),
    ],
)
def test_route(argv: list[str], routed: list[str]) -> None:
    assert route(argv, build_parser()) == routed


def test_an_existing_file_without_a_draft_ending_is_opened(tmp_path: Path) -> None:
    draft = tmp_path / "讲话稿"
    draft.write_text("讲话\n", encoding="utf-8")
    assert route([str(draft)], build_parser()) == ["edit", str(draft)]


def test_a_draft_named_alone_runs_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "讲话稿.txt"
    draft.write_text("讲话\n\n同志们：\n", encoding="utf-8")
    # No terminal under pytest: edit's own refusal shows the draft reached the edit command.
    assert main([str(draft)]) == 2
    assert "drafter edit 需要在终端中运行" in capsys.readouterr().err


def test_an_unknown_word_is_still_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["chek", "讲话稿"])
    assert exc.value.code == 2
    assert "无效的取值" in capsys.readouterr().err
