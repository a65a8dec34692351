"""Templates: every genre renders into a clean draft; the sandbox holds; helpers are right."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from drafter.checks import build_engine
from drafter.document import Document
from drafter.draft import parse_draft
from drafter.draft.edit import plan_renumbering
from drafter.errors import DataFileError, DrafterError
from drafter.numerals import chinese_date, from_chinese, to_chinese
from drafter.templating import load_templates, read_template, render, resolve_values, template_layers
from drafter.templating.helpers import Blank, cn, cn_date, enum, heading

REQUIRED_GENRES = {
    "review-speech",
    "duty-report",
    "annual-summary",
    "deployment-speech",
    "democratic-life-meeting",
    "organizational-life-meeting",
    "host-script",
    "pledge-speech",
}


# Genres written as continuous text, without 一、二、三 parts.
UNNUMBERED = {"host-script", "pledge-speech", "opening-address"}


def builtin():
    return load_templates(template_layers())


def test_at_least_the_eight_genres_ship() -> None:
    assert REQUIRED_GENRES <= set(builtin())


@pytest.mark.parametrize("template_id", sorted(REQUIRED_GENRES))
def test_renders_with_defaults_into_a_clean_draft(template_id: str) -> None:
    templates = builtin()
    if template_id not in templates:
        pytest.fail(f"template {template_id} missing")
    template = templates[template_id]
    values, blanks = resolve_values(template, {}, allow_missing=True)
    text = render(template, values)
    draft = parse_draft(text)
    assert draft.text() == text
    if template_id not in UNNUMBERED:
        assert draft.sections, "a genre draft has numbered parts"
    assert plan_renumbering(draft) == [], "headings in sequence, standard markers"
    found = build_engine().check(Document("t.txt", "text", text))
    assert found, "facts to fill are left as **"
    assert {f.rule for f in found} == {"placeholder.stars"}, [(f.rule, f.text) for f in found]
    assert all(var in [v.name for v in template.variables] for var in blanks)
    assert template.sections and template.description


def test_values_fill_the_blanks_and_counts_follow_the_lists() -> None:
    template = builtin()["review-speech"]
    values, blanks = resolve_values(
        template,
        {"unit": "长江集团", "year": "2024", "reporters": "12", "measures": "抓政治建设|抓问题整改"},
    )
    assert blanks == []
    text = render(template, values)
    assert "长江集团" in text and "2024年度" in text and "12位党组织书记" in text
    assert "一要抓政治建设。" in text and "二要抓问题整改。" in text and "三要" not in text
    assert "讲两点意见" in text
    assert "“三个持续增强”" in text


def test_missing_value_without_allow_missing_is_an_error() -> None:
    template = builtin()["review-speech"]
    with pytest.raises(DrafterError, match="缺少变量 'year'"):
        resolve_values(template, {})


def test_asking_fills_values_and_empty_answers_leave_blanks() -> None:
    template = builtin()["review-speech"]
    answers = {"year": "2025", "unit": "", "reporters": "8"}
    values, blanks = resolve_values(template, {}, ask=lambda v: answers.get(v.name))
    assert values["year"] == 2025 and values["reporters"] == 8
    assert isinstance(values["unit"], Blank) and blanks == ["unit"]


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [("year", "今年", "非负整数"), ("festival", "端午", "春节"), ("nope", "x", "没有变量 'nope'")],
)
def test_bad_values(name: str, value: str, message: str) -> None:
    with pytest.raises(DrafterError, match=message):
        resolve_values(builtin()["review-speech"], {name: value}, allow_missing=True)


def _team_template(folder: Path, name: str, body: str, meta_extra: str = "") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.txt.j2"
    path.write_text(
        f"{{#---\nid: {name}\ntitle: 团队模板\ngenre: review-speech\n{meta_extra}---#}}\n{body}",
        encoding="utf-8",
    )
    return path


def test_sandbox_refuses_escapes_with_file_and_line(tmp_path: Path, run_cli) -> None:
    path = _team_template(tmp_path / "team", "evil", "第一行\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n")
    template = read_template(path)
    with pytest.raises(DataFileError) as caught:
        render(template, {})
    assert str(caught.value).startswith(f"{path}:7: ")
    assert "沙箱" in str(caught.value)
    result = run_cli("new", "evil", "--templates", str(tmp_path / "team"), "-o", str(tmp_path / "x.txt"))
    assert result.status == 2 and "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    assert not (tmp_path / "x.txt").exists()


def test_syntax_error_and_undefined_name_the_line(tmp_path: Path) -> None:
    broken = read_template(_team_template(tmp_path / "t", "broken", "一行\n{% for x in %}\n"))
    with pytest.raises(DataFileError, match=r"broken\.txt\.j2:7: 模板语法错误"):
        render(broken, {})
    undefined = read_template(_team_template(tmp_path / "t", "undef", "一行\n二行\n{{ nobody }}\n"))
    with pytest.raises(DataFileError, match=r"undef\.txt\.j2:8: 模板出错：变量 'nobody' 未定义"):
        render(undefined, {})
    unknown_phrase = read_template(_team_template(tmp_path / "t", "phr", "{{ phrase('no.such') }}\n"))
    with pytest.raises(DataFileError, match=r"no\.such"):
        render(unknown_phrase, {})


def test_bad_metadata(tmp_path: Path) -> None:
    bad = tmp_path / "b"
    bad.mkdir()
    (bad / "x.txt.j2").write_text("没有元数据\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="元数据块"):
        read_template(bad / "x.txt.j2")
    path = _team_template(bad, "y", "正文\n", "variables:\n  - name: n\n    type: number\n")
    with pytest.raises(DataFileError, match="'type' 应是"):
        read_template(path)
    path = _team_template(bad, "z", "正文\n", "variables: [\n")
    with pytest.raises(DataFileError, match=r"z\.txt\.j2:\d+: YAML 格式错误"):
        read_template(path)


def test_team_templates_layer_over_builtin(tmp_path: Path, monkeypatch, run_cli) -> None:
    team = tmp_path / "team"
    _team_template(team, "review-speech", "团队版的讲话\n\n同志们：\n一、第一部分\n内容**。\n")
    monkeypatch.setenv("DRAFTER_TEMPLATE_PATH", str(team))
    templates = builtin()
    assert templates["review-speech"].layer == "团队"
    out = run_cli("new", "review-speech", "-o", "-").out
    assert out.startswith("团队版的讲话")
    listed = run_cli("templates", "list", "--format", "json")
    assert any(t["id"] == "review-speech" and t["layer"] == "团队" for t in json.loads(listed.out))


def test_new_cli_writes_draft_and_sidecar_and_never_overwrites(tmp_path: Path, run_cli) -> None:
    target = tmp_path / "讲话.txt"
    result = run_cli("new", "review-speech", "-o", str(target), "--set", "unit=长江集团", "--allow-missing")
    assert result.status == 0
    assert "reporters" in result.out and "year" in result.out
    sidecar = json.loads((tmp_path / "讲话.drafter.json").read_text(encoding="utf-8"))
    assert sidecar["template"] == "review-speech" and sidecar["values"]["unit"] == "长江集团"
    assert sorted(sidecar["blank"]) == ["reporters", "year"]
    check = run_cli("check", str(target), "--format", "json")
    assert check.status == 1 and all(f["rule"] == "placeholder.stars" for f in json.loads(check.out))
    before = target.read_bytes()
    again = run_cli("new", "review-speech", "-o", str(target), "--allow-missing")
    assert again.status == 2 and "已存在" in again.err and target.read_bytes() == before
    forced = run_cli("new", "review-speech", "-o", str(target), "--allow-missing", "--force")
    assert forced.status == 0 and (tmp_path / "讲话.txt.bak").read_bytes() == before
    assert run_cli("new", "no-such-genre").status == 2
    assert run_cli("new", "review-speech", "--set", "year").status == 2


def test_templates_show(run_cli) -> None:
    out = run_cli("templates", "show", "review-speech").out
    assert "述职评议会讲话" in out and "measures" in out and "适用词条" in out
    data = json.loads(run_cli("templates", "show", "review-speech", "--format", "json").out)
    assert data["id"] == "review-speech" and data["variables"] and data["sections"]


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1000, "一千"),
        (1010, "一千零一十"),
    ],
)
def test_chinese_numerals(n: int, text: str) -> None:
    assert to_chinese(n) == text and cn(n) == text
    assert from_chinese(text) == n


def test_dates_headings_enumerations() -> None:
    assert chinese_date(dt.date(2024, 2, 5)) == "2024年2月5日"
    assert chinese_date("2024-02-05", "chinese") == "二〇二四年二月五日"
    assert chinese_date("2020-10-10", "chinese") == "二〇二〇年十月十日"
    assert cn_date(Blank()) == "**年**月**日" and cn(Blank()) == "**"
    assert [heading(level, 2) for level in (1, 2, 3, 4)] == ["二、", "（二）", "2.", "（2）"]
    e = enum(["甲", "乙", "丙"])
    assert e.count == "三" and list(e) == [("一是", "甲"), ("二是", "乙"), ("三是", "丙")]
    assert [m for m, _ in enum(["a", "b"], "要")] == ["一要", "二要"]
    assert [m for m, _ in enum(["a", "b"], "第")] == ["第一", "第二"]
    assert enum([]).count == "零"
    assert enum(["a", "b"]).count == "两" and [m for m, _ in enum(["a", "b"])] == ["一是", "二是"]


def _sample(var):  # type: ignore[no-untyped-def]
    """A plausible value for a variable of each type (the year 2026 for every number)."""
    if var.type == "int":
        return "2026"
    if var.type == "date":
        return "2026-12-28"
    if var.type == "choice":
        return var.choices[0]
    if var.type == "list":
        return "|".join(var.default) if var.default else "第一项|第二项"
    return "长江集团"


@pytest.mark.parametrize("template_id", sorted(REQUIRED_GENRES | {"opening-address"}))
def test_one_missing_value_is_one_blank_never_a_double(template_id: str) -> None:
    template = builtin()[template_id]
    values, _ = resolve_values(template, {}, allow_missing=True)
    assert "****" not in render(template, values)
    for missing in template.variables:
        given = {v.name: _sample(v) for v in template.variables if v is not missing}
        values, _ = resolve_values(template, given, allow_missing=True)
        text = render(template, values)
        assert "****" not in text, (missing.name, text[max(0, text.find("****") - 20) : text.find("****") + 20])


def _clean(text: str) -> list[tuple[str, str]]:
    found = build_engine().check(Document("t.txt", "text", text))
    return [(f.rule, f.text) for f in found if f.rule != "placeholder.stars"]


DEPLOYMENT_TOPICS = {
    "安全生产": ["人民至上、生命至上", "管行业必须管安全、管业务必须管安全、管生产经营必须管安全", "重大事故隐患"],
    "党风廉政建设": [
        "一体推进不敢腐、不能腐、不想腐",
        "严的基调、严的措施、严的氛围",
        "中央八项规定精神",
        "明察暗访",
        "以党内监督为主导，促进各类监督贯通协调",  # the 二十大 report's words
    ],
    "经济": ["因地制宜发展新质生产力", "做强做优做大", "“十五五”", "稳中求进工作总基调"],
    "防汛救灾": ["人民至上、生命至上", "以防为主、防抗救相结合", "应转尽转", "24小时值班"],
    "招商引资": ["全国统一大市场", "产业链", "三重一大", "投后管理", "国有资产"],
    "意识形态": ["领导权、管理权、话语权", "“谁主管谁负责”", "习近平文化思想", "第一责任人", "舆情", "宣传部门"],
}
# What each field must not say: another field's or another speaker's business, or a fact to fill.
DEPLOYMENT_NOT = {
    "招商引资": ["放管服", "一网通办", "财政补贴", "审批"],
    "意识形态": ["隐患", "排查整治"],
    "防汛救灾": ["降水偏多"],
}


def test_deployment_speech_takes_its_topic_seriously() -> None:
    template = builtin()["deployment-speech"]
    rendered = {}
    for topic, musts in DEPLOYMENT_TOPICS.items():
        values, _ = resolve_values(template, {"topic": topic, "year": "2027", "unit": "长江集团"}, allow_missing=True)
        text = render(template, values)
        for must in musts:
            assert must in text, (topic, must)
        for wrong in DEPLOYMENT_NOT.get(topic, []):
            assert wrong not in text, (topic, wrong)
        assert "明查暗访" not in text and "工作工作" not in text
        assert "2027年是“十五五”规划实施的第二年，是巩固开局成效" in text
        assert "总结工作" not in text, "the speech has no review of last year"
        # the same duty is not said twice (once as a task, once as the guarantee)
        assert text.count("党风廉政建设责任书") <= 1 and text.count("安全生产责任书") <= 1, topic
        assert text.count("对分管领域的") <= 1, topic
        assert _clean(text) == [], topic
        rendered[topic] = text
    # each topic has its own tasks: no two variants share their part two
    parts = {t: x.split("二、")[1].split("三、")[0] for t, x in rendered.items()}
    assert len(set(parts.values())) == len(parts)
    # an unlisted topic gets the generic text, with the topic's name
    values, _ = resolve_values(template, {"topic": "保密工作", "year": "2026"}, allow_missing=True)
    text = render(template, values)
    assert "保密工作" in text and "保密工作工作" not in text and "2026年是“十五五”开局之年" in text
    assert _clean(text) == []


def test_investment_speaks_in_the_voice_of_the_speaker() -> None:
    """A state enterprise attracts partners and decides by its own rules; a government or park
    speaks of approvals and the business environment. The voice picks the text."""
    template = builtin()["deployment-speech"]
    given = {"topic": "招商引资", "year": "2027", "unit": "长江新区管委会", "voice": "政府"}
    values, _ = resolve_values(template, given, allow_missing=True)
    text = render(template, values)
    for must in ("公平竞争审查", "亲清政商关系", "一网通办", "全国统一大市场"):
        assert must in text, must
    assert "三重一大" not in text and "国有资产" not in text
    # the first sentence of the why is not said again as the first reason
    why = text.split("一、")[1].split("第一，")
    assert "扩大有效投资、增强发展后劲" not in why[0] or "扩大有效投资、增强发展后劲" not in why[1]
    assert _clean(text) == []


@pytest.mark.parametrize(
    ("role", "musts", "nots"),
    [
        (
            "主要负责人",
            ["第一责任人职责", "下级“一把手”", "作为主要负责人"],
            ["分管领域", "分管工作", "分管部门", "作为班子成员"],
        ),
        ("班子成员", ["落实“一岗双责”不够到位", "分管领域", "作为班子成员"], ["第一责任人", "下级“一把手”"]),
    ],
)
def test_democratic_life_meeting_in_the_speakers_role(role: str, musts: list[str], nots: list[str]) -> None:
    template = builtin()["democratic-life-meeting"]
    values, _ = resolve_values(template, {"role": role, "year": "2026", "unit": "长江集团"}, allow_missing=True)
    text = render(template, values)
    for must in musts:
        assert must in text, (role, must)
    for wrong in nots:
        assert wrong not in text, (role, wrong)
    # a cause rises above its problem instead of repeating it
    assert "党性修养已经过关" in text and "党性修养已经比较成熟" not in text
    assert "二十届四中全会" in text and _clean(text) == []


def test_host_script_lists_its_agenda_and_counts_it() -> None:
    template = builtin()["host-script"]
    values, _ = resolve_values(
        template, {"agenda": "请王明同志作工作报告|宣读表彰决定|请李华同志讲话"}, allow_missing=True
    )
    text = render(template, values)
    assert "会议共有三项议程：一是王明同志作工作报告；二是宣读表彰决定；三是李华同志讲话。\n" in text
    assert "下面进行第三项议程：请李华同志讲话，大家欢迎！" in text
    assert _clean(text) == []


def test_annual_summary_frames_next_year_in_the_fifteenth_plan() -> None:
    template = builtin()["annual-summary"]
    for year, this, nxt in (
        (2026, "2026年是“十五五”开局之年", "2027年是“十五五”规划实施的第二年"),
        (2025, "2025年是“十四五”规划收官之年", "2026年是“十五五”开局之年"),
    ):
        values, _ = resolve_values(template, {"year": str(year)}, allow_missing=True)
        text = render(template, values)
        assert this in text and nxt in text
        assert "新质生产力" in text and _clean(text) == []


def test_templates_cite_the_plenums_in_the_current_chain() -> None:
    for template_id, template in builtin().items():
        given = {"year": "2026"} if template.variable("year") else {}
        values, _ = resolve_values(template, given, allow_missing=True)
        text = render(template, values)
        if "二十大" in text:
            assert "党的二十大和二十届历次全会精神" in text, template_id
        assert "二十大、二十届" not in text and "**中全会" not in text and "中全会精神" not in text, template_id
