"""One parser for every consumer: the tree is right, and text → tree → text is byte for byte."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.draft import parse_draft
from drafter.draft.model import CLOSING, DATE, HEADING, SALUTATION, SIGNATURE, TITLE
from drafter.draft.parse import parse_heading


def test_seed_round_trips_and_has_its_structure(seed) -> None:
    raw = seed.read_bytes()
    text = raw.decode("utf-8")
    draft = parse_draft(text)
    assert draft.text().encode("utf-8") == raw
    assert draft.title == "在2023年企业党组织书记抓基层党建工作述职评议会上的讲话"
    assert draft.lines_of(SALUTATION) == [3]
    assert [(s.line, s.heading.marker, s.end) for s in draft.sections] == [
        (5, "一、", 10),
        (10, "二、", 17),
        (17, "三、", 24),
    ]
    assert draft.lines_of(CLOSING) == [24, 25]
    assert draft.sections[2].heading.title == "努力开创集团系统基层党建工作新局面"


def test_levels_run_in_and_markers() -> None:
    text = (
        "关于某项工作的报告\n\n各位领导：\n开场白。\n"
        "一、履职情况\n（一）加强政治建设。坚持第一议题制度，全年学习**次。\n（二）抓好组织建设\n"
        "1.完善制度。细则如下。\n（1）建立台账\n2、第二点写成了顿号\n(三)半角括号\n"
        "二、存在问题\n3.5亿元的项目不是标题。\n"
        "述职人：张三\n2024年1月5日\n"
    )
    draft = parse_draft(text)
    assert draft.text() == text
    tree = [(s.level, s.heading.marker, s.heading.title, s.heading.rest) for s in draft.walk()]
    assert tree == [
        (1, "一、", "履职情况", ""),
        (2, "（一）", "加强政治建设。", "坚持第一议题制度，全年学习**次。"),
        (2, "（二）", "抓好组织建设", ""),
        (3, "1.", "完善制度。", "细则如下。"),
        (4, "（1）", "建立台账", ""),
        (3, "2、", "第二点写成了顿号", ""),
        (2, "(三)", "半角括号", ""),
        (1, "二、", "存在问题", ""),
    ]
    assert [s.heading.is_standard for s in draft.walk()] == [True, True, True, True, True, False, False, True]
    assert draft.kinds[0] == TITLE and draft.kinds[2] == SALUTATION
    assert draft.kinds[-2:] == [SIGNATURE, DATE]
    assert draft.sections[-1].end == len(draft.lines) - 1  # signature and date are not in section 二


def test_heading_numbers() -> None:
    assert parse_heading("十一、第十一部分").number == 11
    assert parse_heading("（二十）第二十项").number == 20
    assert parse_heading("12.第十二条").number == 12
    assert parse_heading("一、") is None  # a bare number is not a heading
    assert parse_heading("一是加强学习。") is None
    assert parse_heading("2024年是关键之年。") is None


def test_crlf_bom_and_no_final_newline_round_trip() -> None:
    for text in ("\ufeff标题\r\n\r\n一、第一部分\r\n正文。\r\n", "一、甲\n乙", "", "\n\n", "同志们：\n"):
        draft = parse_draft(text)
        assert draft.text() == text
    crlf = parse_draft("一、第一部分\r\n正文\r\n")
    assert crlf.kinds[0] == HEADING and crlf.sections[0].heading.title == "第一部分"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"一二三、（）()12.。同志们：\n\r \u3000文字**！", "\ufeff"]), max_size=80))
def test_round_trip_is_lossless_for_any_text(text: str) -> None:
    assert parse_draft(text).text() == text


def test_template_output_round_trips(tmp_path) -> None:
    from drafter.templating import load_templates, render, resolve_values, template_layers

    for template in load_templates(template_layers()).values():
        values, _ = resolve_values(template, {}, allow_missing=True)
        text = render(template, values)
        assert parse_draft(text).text() == text, template.id


def test_blank_date_line_is_still_a_date() -> None:
    draft = parse_draft("报告\n\n一、情况\n内容。\n述职人：**\n**年**月**日\n")
    assert draft.kinds[-2:] == [SIGNATURE, DATE]
