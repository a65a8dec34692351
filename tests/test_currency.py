"""Checks that know the year: table tests per rule, the year's sources, and the data file's specs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from drafter.checks.currency import CurrencyFamily
from drafter.checks.ruledata import load_rule_data
from drafter.document import Document
from drafter.errors import DataFileError

TODAY = dt.date(2026, 12, 1)
RULES = {"currency.anniversary", "currency.plan", "currency.ended", "currency.copied-year", "currency.latest"}


@pytest.fixture(scope="module")
def family() -> CurrencyFamily:
    return CurrencyFamily(today=TODAY)


def hits(family: CurrencyFamily, text: str, path: str = "t.txt") -> list[tuple[str, str]]:
    doc = Document(path, "text", text)
    return [(h.rule, doc.text[h.start : h.end]) for h in family.check(doc, RULES)]


def dated(body: str, date: str = "2026年12月1日") -> str:
    return f"讲话\n\n同志们：\n{body}\n\n{date}\n"


ANNIVERSARIES = [
    ("庆祝中国共产党成立104周年。", [("currency.anniversary", "104")]),
    ("庆祝中国共产党成立105周年。", []),
    ("庆祝中国共产党成立一百零四周年。", [("currency.anniversary", "一百零四")]),
    ("庆祝中国共产党成立一百零五周年。", []),
    ("今年是新中国成立76周年。", [("currency.anniversary", "76")]),
    ("今年是新中国成立77周年。", []),
    ("纪念改革开放48周年。", []),
    ("纪念中国共产主义青年团成立103周年。", [("currency.anniversary", "103")]),
    ("纪念共青团成立104周年。", []),
    ("喜迎中国人民解放军建军100周年。", []),  # next year's, announced
    ("庆祝中国人民解放军建军100周年。", [("currency.anniversary", "100")]),
    ("2021年，我们隆重庆祝中国共产党成立100周年。", []),  # its own year
    ("习近平总书记在庆祝中国共产党成立100周年大会上的重要讲话。", []),
    ("学习习近平总书记在纪念改革开放40周年大会上的重要讲话精神。", []),
    ("公司成立30周年。", []),  # not a known founding
]


@pytest.mark.parametrize(("body", "expected"), ANNIVERSARIES)
def test_anniversaries(family: CurrencyFamily, body: str, expected: list[tuple[str, str]]) -> None:
    assert hits(family, dated(body)) == expected


def test_anniversary_suggests_the_right_number(family: CurrencyFamily) -> None:
    doc = Document("t.txt", "text", dated("庆祝中国共产党成立104周年。"))
    (hit,) = list(family.check(doc, RULES))
    assert hit.suggestion == "105" and "2026年是中国共产党成立105周年" in hit.message and "日期行" in hit.message


PLANS = [
    ("今年是“十四五”规划收官之年。", [("currency.plan", "今年是“十四五”规划收官之年")]),
    ("今年是“十五五”开局之年。", []),
    ("今年是“十五五”收官之年。", [("currency.plan", "今年是“十五五”收官之年")]),
    ("明年是“十五五”规划实施的第二年。", []),
    ("明年是“十五五”开局之年。", [("currency.plan", "明年是“十五五”开局之年")]),
    ("2025年是“十四五”规划收官之年。", []),
    ("2026年是“十四五”规划实施的第六年。", [("currency.plan", "2026年是“十四五”规划实施的第六年")]),
    ("当前正处于“十四五”规划实施的关键时期。", [("currency.plan", "当前正处于“十四五”")]),
    ("当前正处于“十五五”开局起步的关键时期。", []),
    ("回顾“十四五”时期，我们取得了显著成绩。", []),
    ("“十四五”以来，累计完成投资**亿元。", []),
    ("2021年以来，累计完成投资**亿元。", []),
    ("“十四五”规划确定的目标任务全面完成。", []),
]


@pytest.mark.parametrize(("body", "expected"), PLANS)
def test_plan_periods(family: CurrencyFamily, body: str, expected: list[tuple[str, str]]) -> None:
    assert hits(family, dated(body)) == expected


ENDED = [
    ("深入开展党纪学习教育，引导党员干部学纪知纪明纪守纪。", [("currency.ended", "党纪学习教育")]),
    ("扎实推进国有企业改革深化提升行动。", [("currency.ended", "国有企业改革深化提升行动")]),
    ("组织开展深入贯彻中央八项规定精神学习教育。", [("currency.ended", "深入贯彻中央八项规定精神学习教育")]),
    ("今年扎实开展主题教育。", [("currency.ended", "主题教育")]),
    ("巩固拓展党纪学习教育成果。", []),
    ("推动党史学习教育常态化长效化。", []),
    ("深入贯彻中央八项规定精神学习教育开展以来，作风持续好转。", []),
    ("国有企业改革深化提升行动高质量收官。", []),
    ("2024年开展党纪学习教育期间，我们建立了问题清单。", []),
    ("把主题教育中形成的好经验好做法固化为制度。", []),
]


@pytest.mark.parametrize(("body", "expected"), ENDED)
def test_ended_campaigns(family: CurrencyFamily, body: str, expected: list[tuple[str, str]]) -> None:
    assert hits(family, dated(body)) == expected


def test_ended_campaign_is_current_in_its_own_year(family: CurrencyFamily) -> None:
    assert hits(family, dated("深入开展党纪学习教育。", "2024年5月8日")) == []
    assert hits(family, dated("扎实推进国有企业改革深化提升行动。", "2025年3月1日")) == []


def test_without_a_stated_year_only_a_clause_that_says_now_is_flagged(family: CurrencyFamily) -> None:
    assert hits(family, "扎扎实实开展主题教育，推动党建工作。\n") == []
    assert hits(family, "今年扎扎实实开展党纪学习教育。\n") == [("currency.ended", "党纪学习教育")]


def test_bank_formulations_with_until_are_campaigns() -> None:
    class Entry:
        kind = "formulation"
        text = "某某专项整治行动"
        until = 2025

    family = CurrencyFamily(today=TODAY, bank_entries=[Entry()])
    assert hits(family, dated("深入开展某某专项整治行动。")) == [("currency.ended", "某某专项整治行动")]
    builtin = CurrencyFamily(today=TODAY).campaigns()
    assert builtin["学习贯彻习近平新时代中国特色社会主义思想主题教育"] == 2023
    assert "“十四五”规划" not in builtin  # plan periods belong to currency.plan


COPIED = [
    ("今天，我们召开2025年安全生产工作会议。", "2026年3月1日", [("currency.copied-year", "2025")]),
    ("今天，我们召开2026年安全生产工作会议。", "2026年3月1日", []),
    ("今天，我们召开2025年度民主生活会。", "2026年1月20日", []),  # a 年度 meeting reviews last year
    ("今天，我们召开2024年安全生产工作会议。", "2026年3月1日", []),  # not last year's: a reference
    ("刚刚过去的2025年，我们取得了好成绩。", "2026年1月20日", []),
]


@pytest.mark.parametrize(("opening", "date", "expected"), COPIED)
def test_copied_year_in_the_opening(family: CurrencyFamily, opening: str, date: str, expected: list) -> None:
    text = (
        f"在2026年工作会议上的讲话\n\n同志们：\n{opening}\n一、总体情况\n召开2025年安全生产工作会议的经验。\n\n{date}\n"
    )
    assert hits(family, text) == expected  # the body's mention of last year is never flagged


def test_the_drafts_year_and_where_it_comes_from(tmp_path: Path) -> None:
    family = CurrencyFamily(today=TODAY)
    assert family.draft_year(Document("t", "text", dated("正文。", "2025年7月1日"))).year == 2025
    assert family.draft_year(Document("t", "text", dated("正文。", "二〇二七年一月五日"))).year == 2027
    titled = Document("t", "text", "在2027年安全生产工作会议上的讲话\n\n同志们：\n正文。\n")
    assert (family.draft_year(titled).year, family.draft_year(titled).source) == (2027, "标题")
    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n同志们：\n正文。\n", encoding="utf-8")
    (tmp_path / "讲话.drafter.json").write_text(json.dumps({"values": {"year": 2024}}), encoding="utf-8")
    assert family.draft_year(Document(str(draft), "text", draft.read_text(encoding="utf-8"))).year == 2024
    plain = Document("t", "text", "讲话\n\n同志们：\n正文。\n")
    assert CurrencyFamily(year=2030, today=TODAY).draft_year(plain) == family.draft_year(plain).__class__(2030, "设置")
    assert family.draft_year(plain).year == 2026 and family.draft_year(plain).source == "今天"


def test_cli_year_flag_and_config(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "讲话.txt"
    draft.write_text("讲话\n\n同志们：\n今天，我们隆重集会，庆祝中国共产党成立105周年。\n", encoding="utf-8")
    assert run_cli("check", str(draft), "--only", "currency", "--year", "2026").status == 0
    out = run_cli("check", str(draft), "--only", "currency", "--year", "2027", "--format", "json")
    assert [f["rule"] for f in json.loads(out.out)] == ["currency.anniversary"]
    assert json.loads(out.out)[0]["severity"] == "warning" and out.status == 0
    config = tmp_path / "drafter.toml"
    config.write_text("[check]\nyear = 2027\n", encoding="utf-8")
    by_config = run_cli("check", str(draft), "--only", "currency", "--config", str(config), "--format", "json")
    assert [f["rule"] for f in json.loads(by_config.out)] == ["currency.anniversary"]
    config.write_text('[check]\nyear = "明年"\n', encoding="utf-8")
    bad = run_cli("check", str(draft), "--config", str(config))
    assert bad.status == 2 and "check.year" in bad.err and "Traceback" not in bad.err


def test_data_file_specs() -> None:
    family = CurrencyFamily(today=TODAY)
    data = load_rule_data("currency")
    assert data.specs
    for spec in data.specs:
        found = hits(family, spec.text)
        assert bool(found) == spec.must_flag, (spec.text, found)


def test_a_team_adds_its_own_founding_year_and_a_bad_file_names_itself(tmp_path: Path, monkeypatch) -> None:
    team = tmp_path / "rules"
    team.mkdir()
    (team / "currency.yaml").write_text(
        "entries:\n  - id: 长江集团成立\n    kind: anniversary\n    founded: 1996\n    words: [长江集团成立]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DRAFTER_RULES_PATH", str(team))
    family = CurrencyFamily(today=TODAY)
    assert hits(family, dated("庆祝长江集团成立29周年。")) == [("currency.anniversary", "29")]
    assert hits(family, dated("庆祝中国共产党成立104周年。")) == [("currency.anniversary", "104")]
    (team / "currency.yaml").write_text(
        "entries:\n  - id: 十五五\n    kind: plan\n    from: 二〇二六\n    to: 2030\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=r"currency\.yaml.*十五五"):
        CurrencyFamily(today=TODAY)


def test_a_yearly_review_meeting_early_in_the_year_is_not_a_copy(family: CurrencyFamily) -> None:
    # the seed: held before the Spring Festival of 2023, it reviews 2022
    seed_like = "在2023年党组织书记述职评议会上的讲话\n\n同志们：\n今天，我们召开2022年度党组织书记述职评议考核会。\n"
    assert hits(family, seed_like) == []
    # the title names the 年度: last year's 年度 in the opening is a copy
    titled = "在2026年度党组织书记述职评议会上的讲话\n\n同志们：\n今天，我们召开2025年度党组织书记述职评议会。\n"
    assert hits(family, titled) == [("currency.copied-year", "2025")]
    # dated January 2027, the 2026年度 meeting is right and the 2025年度 one is a copy
    for said, expected in (("2026", []), ("2025", [("currency.copied-year", "2025")])):
        text = f"讲话\n\n同志们：\n今天，我们召开{said}年度述职评议会。\n\n2027年1月12日\n"
        assert hits(family, text) == expected
