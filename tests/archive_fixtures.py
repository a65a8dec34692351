"""A small folder of past documents for the archive tests, and the archive on either backend.

The PostgreSQL archive lives in a fresh schema of the server named by DRAFTER_TEST_POSTGRES
(.ci/run starts a throwaway one); without it those tests skip and say why."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

POSTGRES_ENV = "DRAFTER_TEST_POSTGRES"

# The measure paragraph a unit reuses year after year, figures changed.
REUSED_2022 = (
    "三要狠抓安全生产隐患排查治理。全年开展隐患排查126次，整改问题358项，整改率达到98.5%，确保安全生产形势持续稳定。"
)
REUSED_2023 = (
    "三要狠抓安全生产隐患排查治理。全年开展隐患排查141次，整改问题402项，整改率达到99.2%，确保安全生产形势持续稳定。"
)
SHARED = "各级党组织要把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务，坚持不懈用党的创新理论凝心铸魂。"

SPEECH_2022 = f"""在2022年度党组织书记抓基层党建工作述职评议会上的讲话

同志们：
今天，我们召开述职评议会，听取了12家所属企业党组织书记的现场述职，总体情况很好。
一、充分肯定一年来取得的成绩
一是政治引领作用持续增强。全年组织专题学习36次，覆盖党员2400余人，理论武装更加扎实。
{SHARED}
二、清醒认识存在的问题
一是理论学习还不够深入，有的党组织学习流于形式，学用结合不够紧密。
三、扎实做好下一步工作
（一）压实管党治党责任。各级党组织书记要切实扛起第一责任人职责，层层传导压力，推动责任落实到位。
{REUSED_2022}
同志们，新的一年任务艰巨，让我们团结一致、奋发有为，奋力开创基层党建工作新局面！
2022年12月28日
"""

SPEECH_2023_PARAGRAPHS = [
    "在2023年度党组织书记抓基层党建工作述职评议会上的讲话",
    "同志们：",
    "今天的会议主要是听取述职、开展评议，刚才15位书记作了述职，讲得都很实在。",
    "一、充分肯定一年来取得的成绩",
    "一是基层组织功能持续增强。新建标准化党支部28个，党支部标准化达标率100%。",
    SHARED,
    "二、扎实做好下一步工作",
    REUSED_2023,
    "同志们，让我们以更加饱满的热情投入工作，以优异成绩迎接新的一年！",
    "二〇二三年十二月二十六日",
]

SUMMARY_2021 = """# 2021年安全生产工作总结

## 一、主要工作及成效

全年实现安全生产零事故，完成双重预防机制建设，开展应急演练24场次，参演职工3600人次。

## 二、下一年工作思路

持续深化安全生产专项整治三年行动，健全隐患排查治理长效机制，筑牢安全发展底线。
"""


def make_folder(root: Path) -> Path:
    """往年材料/: a .txt speech (2022), a .docx speech (2023), a .md summary (2021), a broken .docx."""
    import docx

    folder = root / "往年材料"
    (folder / "2023").mkdir(parents=True)
    (folder / "2022年述职评议会讲话.txt").write_text(SPEECH_2022, encoding="gb18030")
    document = docx.Document()
    for text in SPEECH_2023_PARAGRAPHS:
        document.add_paragraph(text)
    document.save(str(folder / "2023" / "2023年述职评议会讲话.docx"))
    (folder / "2021年工作总结.md").write_text(SUMMARY_2021, encoding="utf-8")
    return folder


def sqlite_location(tmp_path: Path) -> str:
    return str(tmp_path / "archive.sqlite")


def postgres_location() -> str:
    """A fresh schema on the test server, as a libpq URL whose search_path points at it."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"没有 PostgreSQL 测试服务器（设置 {POSTGRES_ENV}，.ci/run 会启动一个）")
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg 未安装（pip install 'drafter[postgres]'）")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        # Test workers (pytest-xdist) start at once: two concurrent CREATE EXTENSION IF NOT EXISTS
        # can both try to insert it, so they take turns under an advisory lock.
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(7101)")
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema},public"
