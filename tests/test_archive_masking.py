"""Fact masking for inserting a past passage, splitting details, and where the archive lives."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.archive import mask_facts, open_archive
from drafter.archive.pinyin import passage_keys, split_syllables
from drafter.archive.split import find_date, find_year, split_document
from drafter.document import Document
from drafter.errors import DrafterError


@pytest.mark.parametrize(
    ("past", "masked"),
    [
        ("2023年完成投资12.5亿元，同比增长8.3%。", "**年完成投资**亿元，同比增长**%。"),
        ("2023年12月28日召开会议，5月8日前完成。", "**年**月**日召开会议，**月**日前完成。"),
        ("二〇二三年十二月二十八日", "**年**月**日"),
        ("整改率达到百分之九十八，新增就业1,200人。", "整改率达到百分之**，新增就业**人。"),
        ("全年完成十二亿元，三千万元用于技改。", "全年完成**亿元，**万元用于技改。"),
        (
            "党委书记张建国、总经理李强出席，张建国同志作报告，王书记讲话。",
            "党委书记**、总经理李强出席，**同志作报告，**书记讲话。",
        ),
        ("认真学习中国石化集团的经验。", "认真学习**集团的经验。"),
        # A verb inside a name (建设) is part of it; a 集团有限公司 is one ending, not 集团 + **公司.
        ("中原建设集团完成产值，中国建设银行放贷。", "**集团完成产值，**银行放贷。"),
        ("市住建局、中原建设集团有限公司参加。", "市住建局、**集团有限公司参加。"),
        ("推进中原建设集团股份有限公司改革。", "推进**集团股份有限公司改革。"),
    ],
)
def test_facts_become_blanks(past: str, masked: str) -> None:
    assert mask_facts(past) == masked


@pytest.mark.parametrize(
    "prose",
    [
        "讲三个方面意见，坚持“两个毫不动摇”。",  # counts and formulations are not facts
        "各公司、所属子公司和上市公司要跟进，集团公司党委统一部署。",  # generic units
        "许多同志、全体同志和同志们都很辛苦，担任主任要负责任。",  # not names
        "建成5G基站，推进“十四五”规划。",  # 5G is a thing, 十四五 a period
        "建设智能工厂，打造数字化工厂和灯塔工厂，创建绿色工厂。",  # kinds of plant, not names
        "加强建设公司管理，推进有限公司改制。",  # a verb or a company form alone names no unit
    ],
)
def test_prose_is_left_alone(prose: str) -> None:
    assert mask_facts(prose) == prose


def test_heading_marker_is_not_a_number() -> None:
    assert mask_facts("1. 完成投资3亿元。") == "1. 完成投资**亿元。"
    assert mask_facts("（2）新建支部12个。") == "（2）新建支部**个。"


def test_masked_passage_is_caught_by_the_checker() -> None:
    from drafter.checks import build_engine
    from drafter.config import Config

    text = mask_facts("2023年完成投资12.5亿元，同比增长8.3%。")
    findings = build_engine(Config(), ["placeholder"], []).check(Document(path="x.txt", format="text", text=text))
    assert len(findings) == 3


def test_pinyin_keys_read_words_as_words() -> None:
    full, initials = passage_keys("双重预防机制，中国银行重庆分行。")
    assert full == "shuangchongyufangjizhizhongguoyinhangchongqingfenhang"
    assert initials == "scyfjzzgyhcqfh"
    assert split_syllables("yinhuanpaicha") == ["yin", "huan", "pai", "cha"]
    assert split_syllables("xian") == ["xian"]
    assert split_syllables("qqq") is None
    assert passage_keys("绿色发展，女性")[0] == "lvsefazhannvxing"  # ü typed as v
    assert split_syllables("lvse") == ["lv", "se"]


def test_dates_and_years() -> None:
    assert find_date("2023年12月28日") == ("2023-12-28", 2023)
    assert find_date("二〇二四年一月五日") == ("2024-01-05", 2024)
    assert find_year("2021年度工作总结") == 2021
    assert find_year("二〇一九年述职报告") == 2019
    assert find_year("工作总结") is None


def test_run_in_headings_and_short_lines() -> None:
    text = "一、主要工作\n（一）加强政治建设。坚持把政治建设摆在首位，全年开展专题学习12次。\n短句。\n"
    info = split_document(Document(path="2020年工作总结.txt", format="text", text=text))
    [passage] = info.passages
    assert passage.text.startswith("（一）加强政治建设。") and passage.heading == "加强政治建设"
    assert passage.role == "achievement" and info.year == 2020 and info.genre == "annual-summary"


def test_seed_speech_is_split_with_its_roles(seed: Path) -> None:
    from drafter.readers import read_path

    info = split_document(read_path(seed))
    roles = [p.role for p in info.passages]
    assert info.genre == "review-speech" and info.year == 2023
    assert roles[0] == "opening" and roles[-1] == "closing"
    assert {"achievement", "problem", "measure"} <= set(roles)


def test_config_points_at_a_shared_read_only_archive(tmp_path: Path, run_cli, isolated: Path) -> None:
    share = tmp_path / "共享"
    share.mkdir()
    with open_archive(str(share / "单位资料库.sqlite")) as archive:
        (tmp_path / "a.txt").write_text("坚持把安全生产作为头等大事来抓，筑牢安全发展底线。\n", encoding="utf-8")
        archive.add([str(tmp_path / "a.txt")])
    (isolated / "drafter.toml").write_text(
        f'[archive]\nurl = "{(share / "单位资料库.sqlite").as_posix()}"\nreadonly = true\n', encoding="utf-8"
    )
    found = run_cli("archive", "search", "安全发展")
    assert found.status == 0 and "安全发展" in found.out
    refused = run_cli("archive", "add", str(tmp_path / "a.txt"))
    assert refused.status == 2 and "只读" in refused.err


def test_relative_url_is_relative_to_its_drafter_toml(tmp_path: Path, isolated: Path) -> None:
    from drafter.archive.locate import resolve
    from drafter.config import load_config

    (isolated / "drafter.toml").write_text('[archive]\nurl = "资料库/a.sqlite"\n', encoding="utf-8")
    where, readonly, _named = resolve(None, load_config())
    assert Path(where) == isolated.resolve() / "资料库" / "a.sqlite" and not readonly
    (isolated / "drafter.toml").write_text("[archive]\nurl = 3\n", encoding="utf-8")
    with pytest.raises(DrafterError, match=r"archive\.url"):
        resolve(None, load_config())


def test_not_an_archive_is_one_line(tmp_path: Path, run_cli) -> None:
    bogus = tmp_path / "x.sqlite"
    bogus.write_bytes(b"this is not a database at all" * 100)
    result = run_cli("archive", "info", "--archive", str(bogus))
    assert result.status == 2 and "x.sqlite" in result.err and "Traceback" not in result.err
    missing = run_cli("archive", "search", "安全", "--archive", str(tmp_path / "none.sqlite"))
    assert missing.status == 2 and "不存在" in missing.err
    unreachable = run_cli("archive", "info", "--archive", "postgresql://nobody@/db?host=/nonexistent-socket-dir")
    assert unreachable.status == 2 and "无法连接" in unreachable.err


def test_sqlite_uri_for_local_and_share_paths(tmp_path: Path) -> None:
    from drafter.archive.sqlite_backend import sqlite_uri

    assert sqlite_uri(tmp_path / "资料 库#1.sqlite").startswith("file:///")
    assert "%23" in sqlite_uri(tmp_path / "a#b.sqlite")  # a '#' in a folder name is not a fragment
    with open_archive(str(tmp_path / "a#b?c.sqlite")) as archive:
        assert archive.counts() == (0, 0, 0)


def test_progress_bar_on_a_terminal(monkeypatch, capsys) -> None:
    import sys

    from drafter.cli.archive_cmd import _Bar

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    bar = _Bar()
    for done in range(0, 5):
        bar(done, 4, f"/x/第{done}篇.docx")
    err = capsys.readouterr().err
    assert "[" + "#" * 30 + "] 100% 4/4" in err and err.endswith("\n") and "\r" in err


def test_unknown_role_is_named(run_cli, tmp_path: Path) -> None:
    with open_archive(str(tmp_path / "a.sqlite")):
        pass
    result = run_cli("archive", "search", "安全", "--role", "measures", "--archive", str(tmp_path / "a.sqlite"))
    assert result.status == 2 and "measure" in result.err
    genre = run_cli("archive", "search", "安全", "--genre", "speech", "--archive", str(tmp_path / "a.sqlite"))
    assert genre.status == 2 and "review-speech" in genre.err
