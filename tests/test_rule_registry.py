"""Rules registered, rule data layered: the registry, the one data loader with its layers and
`disabled`, the specs every rule data file carries, one heading reading, the bank read once."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from drafter.checks import build_engine, unknown_selectors
from drafter.checks.registry import make_context, register, registered, unregister
from drafter.checks.ruledata import load_rule_data, rule_layers, spec_failures
from drafter.document import Document
from drafter.errors import DataFileError
from drafter.resources import rules_dir

BUILTIN_FILES = sorted(p.stem for p in rules_dir().glob("*.yaml"))


def _engine_for(rules: list[str]):
    return build_engine(only=rules)


@pytest.mark.parametrize("name", BUILTIN_FILES)
def test_every_rule_data_file_carries_specs_and_they_hold(name: str) -> None:
    data = load_rule_data(name, rule_layers()[:1])
    assert any(s.must_flag for s in data.specs) and any(not s.must_flag for s in data.specs), name
    assert spec_failures(data, _engine_for) == []


def _rules_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> Path:
    folder = tmp_path / "team-rules"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    monkeypatch.setenv("DRAFTER_RULES_PATH", str(folder))
    return folder


def found(engine, text: str) -> list[tuple[str, str]]:
    return [(f.rule, f.text) for f in engine.check(Document("t.txt", "text", text))]


def test_team_blank_forms_live_in_a_rules_folder(tmp_path, monkeypatch) -> None:
    _rules_folder(
        tmp_path,
        monkeypatch,
        {
            "placeholder.yaml": """
                entries:
                  - id: placeholder.daibuchong
                    pattern: 待补充
                    title: 待补充
                    message: 本单位约定的待填标记“{text}”
                  - {id: placeholder.mou, disabled: true}
                specs:
                  - flag: 本年度营收待补充亿元。
                  - pass: 某某同志（本单位不把某某当作空白）。
            """
        },
    )
    engine = build_engine(only=["placeholder"])
    assert found(engine, "营收待补充亿元，利润**万元，某某同志。") == [
        ("placeholder.daibuchong", "待补充"),
        ("placeholder.stars", "**"),
    ]
    team = load_rule_data("placeholder")
    assert len(team.sources) == 2 and spec_failures(team, _engine_for) == []


def test_a_team_retires_one_builtin_entry_and_keeps_the_rest(tmp_path, monkeypatch) -> None:
    _rules_folder(
        tmp_path,
        monkeypatch,
        {
            "misquotes.yaml": """
                entries:
                  - {wrong: 急待, disabled: true}
                  - {wrong: 集团公司党委, right: 集团党委, note: 本单位简称}
            """,
            "repetition.yaml": "entries:\n  - {text: 要, disabled: true}\n",
        },
    )
    engine = build_engine(only=["formulation.misquote", "repetition"])
    assert found(engine, "问题急待解决，集团公司党委研究，谈国理政，我们要要努力，的的确认。") == [
        ("formulation.misquote", "集团公司党委"),
        ("formulation.misquote", "谈国理政"),
        ("repetition.doubled", "的的"),
    ]


def test_command_line_rule_folder_is_the_last_layer(tmp_path, monkeypatch) -> None:
    team = _rules_folder(tmp_path, monkeypatch, {"misquotes.yaml": "entries:\n  - {wrong: 甲方案, right: 乙方案}\n"})
    cli = tmp_path / "cli-rules"
    cli.mkdir()
    (cli / "misquotes.yaml").write_text("entries:\n  - {wrong: 甲方案, right: 丙方案}\n", encoding="utf-8")
    kinds = [layer.kind for layer in rule_layers([cli])]
    assert kinds[0] == "内置" and kinds[-2:] == ["团队", "命令行"] and team.is_dir()
    engine = build_engine(only=["formulation.misquote"], rule_paths=[cli])
    assert [f.suggestion for f in engine.check(Document("t", "text", "采用甲方案。"))] == ["丙方案"]


def test_bad_rule_data_names_the_file_and_item(tmp_path, monkeypatch) -> None:
    folder = _rules_folder(tmp_path, monkeypatch, {"misquotes.yaml": "entries:\n  - {wrong: 甲, note: 缺 right}\n"})
    with pytest.raises(DataFileError) as exc:
        build_engine(only=["formulation.misquote"]).check(Document("t", "text", "甲"))
    assert str(folder / "misquotes.yaml") in str(exc.value) and "第 1 项" in str(exc.value)
    (folder / "misquotes.yaml").write_text("specs:\n  - {flag: 甲, pass: 乙}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="specs 第 1 项"):
        load_rule_data("misquotes")


def test_a_new_family_is_one_module_and_one_registration(tmp_path, monkeypatch) -> None:
    (tmp_path / "drafter_test_family.py").write_text(
        textwrap.dedent(
            """
            from drafter.checks.model import Hit, RuleInfo, Severity

            RULE = RuleInfo("money.yuan", Severity.WARNING, "金额单位")

            class MoneyFamily:
                name = "money"

                def __init__(self, context):
                    self.context = context

                def rules(self):
                    return [RULE]

                def check(self, doc, active):
                    start = doc.text.find("元元")
                    if start != -1:
                        yield Hit(RULE.id, start, start + 2, "金额单位重复")
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    register("money", "drafter_test_family:MoneyFamily")
    try:
        assert "money" in [s.name for s in registered()]
        engine = build_engine(only=["money"])
        assert found(engine, "投入100万元元。") == [("money.yuan", "元元")]
        assert "money.yuan" in [r.id for r in build_engine(all_families=True).rules()]
        assert unknown_selectors(["money.yuan", "money", "nonsense"], build_engine(all_families=True)) == [
            "nonsense"
        ]
    finally:
        unregister("money")
        sys.modules.pop("drafter_test_family", None)


def test_only_the_families_a_selection_needs_are_built() -> None:
    engine = build_engine(only=["placeholder.stars"])
    assert [f.name for f in engine.families] == ["placeholder"]
    engine = build_engine(disable=["formulation", "punctuation.date"])
    names = [f.name for f in engine.families]
    assert "formulation" not in names and "punctuation" in names


def test_the_bank_is_read_once_even_with_a_rule_selector(tmp_path, monkeypatch, run_cli) -> None:
    from drafter.bank import PhraseBank

    calls = []
    real = PhraseBank.load.__func__

    def counting(cls, *args, **kwargs):
        calls.append(1)
        return real(cls, *args, **kwargs)

    monkeypatch.setattr(PhraseBank, "load", classmethod(counting))
    draft = tmp_path / "d.txt"
    draft.write_text("要增强“四个自信”。\n", encoding="utf-8")
    result = run_cli("check", str(draft), "--only", "formulation")
    assert "formulation.collocation" in result.out
    assert len(calls) == 1
    calls.clear()
    assert run_cli("check", "--list-rules").status == 0 and calls == []
    context = make_context()
    build_engine(context=context).check(Document("a", "text", "坚定“四个自信”"))
    build_engine(context=context, only=["formulation"]).check(Document("b", "text", "坚定“四个自信”"))
    assert context.bank_loads == 1


def test_an_indented_half_width_heading_marker_is_reported_once() -> None:
    engine = build_engine(disable=["placeholder"])
    text = "标题\n\n一、甲\n        (一)加强建设。坚持学习。\n"
    assert found(engine, text) == [("numbering.style", "(一)")]


def test_a_team_pattern_that_could_hang_the_check_is_refused(tmp_path, monkeypatch) -> None:
    folder = _rules_folder(
        tmp_path, monkeypatch, {"placeholder.yaml": "entries:\n  - {id: placeholder.bad, pattern: '(a+)+$'}\n"}
    )
    with pytest.raises(DataFileError) as exc:
        build_engine(only=["placeholder"])
    assert str(folder / "placeholder.yaml") in str(exc.value) and "第 1 项" in str(exc.value)
