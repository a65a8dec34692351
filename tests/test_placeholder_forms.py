"""Every placeholder form of the domain notes is found, once per blank; no trap is flagged."""

from __future__ import annotations

import pytest

from drafter.checks import build_engine
from drafter.document import Document


def findings(text: str, fmt: str = "text"):
    return build_engine().check(Document(path="t.txt", format=fmt, text=text))


@pytest.mark.parametrize(
    ("text", "blank", "rule"),
    [
        ("今天，我们在这里召开**企年度会议。", "**", "placeholder.stars"),
        ("全年完成产值***万元。", "***", "placeholder.stars"),
        ("全年完成产值****万元。", "****", "placeholder.stars"),
        ("由＊＊同志主持。", "＊＊", "placeholder.stars"),
        ("XX公司全年实现利润。", "XX", "placeholder.x"),
        ("我代表XXX党委讲话。", "XXX", "placeholder.x"),
        ("在xx单位开展调研。", "xx", "placeholder.x"),
        ("地点：XX", "XX", "placeholder.x"),
        ("时间为20xx年。", "xx", "placeholder.x"),
        ("××同志任支部书记。", "××", "placeholder.times"),
        ("×××公司", "×××", "placeholder.times"),
        ("某某同志作了发言。", "某某", "placeholder.mou"),
        ("○○年度", "○○", "placeholder.circle"),
        ("〇〇同志", "〇〇", "placeholder.circle"),
        ("□□单位", "□□", "placeholder.box"),
        ("参会人员：____", "____", "placeholder.underline"),
        ("参会人员：＿＿＿", "＿＿＿", "placeholder.underline"),
        ("欢迎{{ company }}的同志们。", "{{ company }}", "placeholder.template"),
        ("{% for item in items %}一是", "{% for item in items %}", "placeholder.template"),
        ("我代表【请填写单位】党委讲话。", "【请填写单位】", "placeholder.prompt"),
        ("会期【待定】。", "【待定】", "placeholder.prompt"),
        ("地点在【此处填写会议地点】。", "【此处填写会议地点】", "placeholder.prompt"),
    ],
)
def test_form_is_found(text: str, blank: str, rule: str) -> None:
    found = findings(text)
    assert [(f.text, f.rule) for f in found] == [(blank, rule)]
    assert text[found[0].column - 1 :].startswith(blank)


@pytest.mark.parametrize(
    "text",
    [
        "二〇二三年是全面贯彻党的二十大精神的开局之年。",
        "二〇〇八年，二○○○年，一九九〇年。",
        "会议室面积为3×4米。",
        "某单位曾发生类似问题，某同志受到处分。",
        "The XBox and XXL sizes, xxlarge, Maxx and taxx are English words.",
        "请在签名处写明 年 月 日。",
        "党支部【典型经验】栏目刊发了文章。",
        "单个星号*表示注释。",
        "下划线__两个不算。",
        "一句话中的《习近平谈治国理政》不是占位符。",
        "",
    ],
)
def test_trap_is_not_flagged(text: str) -> None:
    assert findings(text) == []


def test_two_blanks_in_one_sentence_are_two_findings() -> None:
    found = findings("**企业选派**人支援**疫情防控。")
    assert [f.column for f in found] == [1, 7, 12]
    assert all(f.text == "**" for f in found)


def test_blank_inside_prompt_or_template_is_one_finding() -> None:
    assert len(findings("【请填写**单位】")) == 1
    assert len(findings("{{ ** }}")) == 1


def test_markdown_bold_is_not_a_blank_but_stray_stars_are() -> None:
    text = "**重要**：今年完成**个项目。\n\n***\n\n全年开展** 次活动，共**人参加。"
    found = findings(text, fmt="markdown")
    # `**重要**` is bold, as a Markdown viewer shows it; `***` alone on a line is a thematic
    # break; `** 次…共**` is not bold (a space just inside), so both are literal blanks.
    assert [(f.line, f.column) for f in found] == [(1, 12), (5, 5), (5, 13)]
    # The same text as .txt: every `**` is a blank, `***` too.
    assert len(findings(text, fmt="text")) == 6


def test_line_and_column_are_one_based_characters() -> None:
    found = findings("第一行\n同志们：请于**前报送。")
    assert (found[0].line, found[0].column) == (2, 7)


def test_seed_speech_has_exactly_49_blanks(seed) -> None:
    from drafter.readers import read_path

    found = build_engine(only=["placeholder"]).check(read_path(seed))
    assert len(found) == 49
    assert {f.rule for f in found} == {"placeholder.stars"}
    # Spot-check the first: line 4 starts with 今天，我们在这里召开**企…
    assert (found[0].line, found[0].column) == (4, 11)


def test_escaped_stars_in_markdown_are_a_blank() -> None:
    # \*\* is how Markdown writes literal stars (drafter export --to md writes blanks so).
    found = findings("今天召开\\*\\*企业会议，**重要**。", fmt="markdown")
    assert [(f.text, f.column) for f in found] == [("\\*\\*", 5)]
