"""A bank formulation says how sure a deviation from it is (`severity`), and the formulation rule
reports at that severity: 增强“四个自信” is a warning (the 十九大 report writes 增强道路自信……),
坚定“四个意识” stays an error; an entry can lower a finding, never raise it; a graded finding is never
rewritten by `check --fix`."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.bank import PhraseBank
from drafter.checks import build_engine
from drafter.config import Config
from drafter.document import Document

TEAM_BANK = """\
category: 团队表述
entries:
  - id: team.four-confidences
    text: 坚定“四个自信”
    kind: formulation
    items: [道路自信, 理论自信, 制度自信, 文化自信]
    collocation: 坚定
    severity:
      增强“四个自信”: warning
  - id: team.four-consciousnesses
    text: 增强“四个意识”
    kind: formulation
    items: [政治意识, 大局意识, 核心意识, 看齐意识]
    collocation: 增强
  - id: team.new-concept
    text: 贯彻“新发展理念”
    kind: formulation
    items: [创新, 协调, 绿色, 开放, 共享]
    collocation: 贯彻
    severity: info
"""


def _engine(tmp_path: Path, config: Config | None = None):  # type: ignore[no-untyped-def]
    folder = tmp_path / "bank"
    folder.mkdir(exist_ok=True)
    (folder / "team.yaml").write_text(TEAM_BANK, encoding="utf-8")
    bank = PhraseBank.load(folder, standard=False, search=False)
    return build_engine(config, only=["formulation"], bank_entries=list(bank))


@pytest.mark.parametrize(
    ("text", "rule", "severity", "has_fix"),
    [
        # the form the entry names: a warning, no automatic replacement
        ("要增强“四个自信”。", "formulation.collocation", "warning", False),
        # another verb for the same name is not that form: still an error, with its fix
        ("要贯彻“四个自信”。", "formulation.collocation", "error", True),
        # the neighbouring entry says nothing: an error (verb or name wrong, so no fix)
        ("要坚定“四个意识”。", "formulation.collocation", "error", False),
        # items out of order in an entry without severity: an error, put in order
        ("增强“四个意识”，即政治意识、核心意识、大局意识、看齐意识。", "formulation.order", "error", True),
        # `severity: info` on the whole entry: every finding about it, order included
        ("贯彻“新发展理念”：创新、绿色、协调、开放、共享。", "formulation.order", "info", False),
        ("要增强“新发展理念”。", "formulation.collocation", "info", False),
    ],
)
def test_severity_table(tmp_path: Path, text: str, rule: str, severity: str, has_fix: bool) -> None:
    found = _engine(tmp_path).check(Document("t.txt", "text", text))
    assert [(f.rule, f.severity.value) for f in found] == [(rule, severity)], [(f.rule, f.message) for f in found]
    assert (found[0].suggestion is not None) == has_fix


def test_an_entry_never_raises_a_severity_the_writer_lowered(tmp_path: Path) -> None:
    config = Config()
    config.severity = {"formulation.collocation": "info"}
    engine = _engine(tmp_path, config)
    levels = {f.text: f.severity.value for f in engine.check(Document("t", "text", "增强“四个自信”，坚定“四个意识”。"))}
    assert levels == {"增强“四个自信”": "info", "坚定“四个意识”": "info"}


def test_the_built_in_bank_grades_zengqiang_four_confidences(run_cli, tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("要增强“四个自信”，坚定“四个意识”。\n", encoding="utf-8")
    out = run_cli("check", str(draft), "--only", "formulation").out
    assert "警告 “四个自信”" in out and "错误 “四个意识”" in out
    fixed = run_cli("check", str(draft), "--only", "formulation", "--fix")
    assert "增强“四个自信”" in draft.read_text(encoding="utf-8"), fixed.out


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("severity: fatal", "'severity' 的值 'fatal' 不在可用范围内"),
        ("severity: [warning]", "'severity' 应是 error、warning、info 之一"),
        ("severity: {'': warning}", "'severity' 中的写法应是文字"),
    ],
)
def test_bad_severity_is_named_with_file_and_line(tmp_path: Path, run_cli, value: str, message: str) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "b.yaml").write_text(
        f"entries:\n  - id: x.y\n    text: 坚定“四个自信”\n    kind: formulation\n    {value}\n", encoding="utf-8"
    )
    result = run_cli("phrases", "lint", str(folder))
    assert result.status == 2 and f"b.yaml:5: 条目 'x.y'：{message}" in result.err, result.err


def test_a_sentence_cannot_carry_a_severity(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "b.yaml").write_text("entries:\n  - id: x.y\n    text: 一句话\n    severity: warning\n", encoding="utf-8")
    result = run_cli("phrases", "lint", str(folder))
    assert result.status == 2 and "只有 kind: formulation 的条目才能有 'severity'" in result.err


def test_phrases_show_prints_since_until_and_severity(run_cli) -> None:
    out = run_cli("phrases", "show", "formula.four-confidences").out
    assert "偏差的严重程度：增强“四个自信”：警告" in out
    data = run_cli("phrases", "show", "formula.four-confidences", "--format", "json").out
    assert '"severity": {\n    "增强“四个自信”": "warning"\n  }' in data
    plan = run_cli("phrases", "show", "formula.fourteenth-plan").out
    assert "起用年份：2021" in plan and "截止年份：2025（此后不应写成正在进行）" in plan
    assert "截止年份" not in run_cli("phrases", "show", "formula.fifteenth-plan", "--format", "human").out.replace(
        "截止年份：2030", ""
    )
