"""The archive on both backends: splitting with sources, duplicates stored once, incremental
updates, interrupted adds, search tiers and filters, comparing a draft."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from archive_fixtures import REUSED_2022, REUSED_2023, SHARED, make_folder, postgres_location, sqlite_location

from drafter.archive import open_archive
from drafter.archive.store import passage_key


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return sqlite_location(tmp_path) if request.param == "sqlite" else postgres_location()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return make_folder(tmp_path)


@pytest.fixture
def archive(location: str, folder: Path):
    with open_archive(location) as a:
        a.add([str(folder)])
        yield a


def _texts(hits) -> list[str]:
    return [h.text for h in hits]


def test_add_reads_every_format_and_records_sources(location: str, folder: Path) -> None:
    with open_archive(location) as archive:
        report = archive.add([str(folder)])
        assert report.added == 3 and not report.failed
        docs = {Path(p).name: (title, year, genre) for p, title, year, genre in archive.documents()}
    assert docs["2022年述职评议会讲话.txt"] == (
        "在2022年度党组织书记抓基层党建工作述职评议会上的讲话",
        2022,
        "review-speech",
    )
    assert docs["2023年述职评议会讲话.docx"][1:] == (2023, "review-speech")  # year from 二〇二三年…日
    assert docs["2021年工作总结.md"][1:] == (2021, "annual-summary")


def test_duplicates_are_stored_once_with_every_source(archive) -> None:
    hits = archive.search("凝心铸魂")
    assert _texts(hits) == [SHARED]
    assert sorted(s.year for s in hits[0].sources) == [2022, 2023]
    # The reused paragraph with this year's figures is the same passage: one row, two sources.
    reused = [h for h in archive.search("隐患排查治理。全年") if h.how == "text"]
    assert len(reused) == 1 and reused[0].text in (REUSED_2022, REUSED_2023)
    assert {s.year for s in reused[0].sources} == {2022, 2023}
    assert passage_key(REUSED_2022) == passage_key(REUSED_2023)
    documents, passages, sources = archive.counts()
    assert documents == 3 and sources == passages + 2


def test_sources_carry_heading_and_role(archive) -> None:
    [hit] = archive.search("层层传导压力")
    [source] = hit.sources
    assert source.heading == "压实管党治党责任" and source.role == "measure"
    assert source.title.startswith("在2022年度") and source.line == 11 and source.date == "2022-12-28"
    assert archive.search("理论学习还不够深入")[0].sources[0].role == "problem"
    assert archive.search("政治引领作用")[0].sources[0].role == "achievement"
    assert archive.search("听取了12家")[0].sources[0].role == "opening"
    assert archive.search("奋发有为")[0].sources[0].role == "closing"


def test_search_by_hanzi_pinyin_initials_and_a_wrong_character(archive) -> None:
    assert archive.search("双重预防机制")[0].how == "text"
    pinyin = archive.search("shuangchongyufang")
    assert pinyin and pinyin[0].how == "pinyin" and "双重预防" in pinyin[0].text
    initials = archive.search("scyf")
    assert initials and initials[0].how == "initials" and "双重预防" in initials[0].text
    homophone = archive.search("双重预访机制")  # the IME's homophone: found through its pinyin
    assert homophone and "双重预防" in homophone[0].text
    wrong = archive.search("专项整制三年行动")  # a wrong character, not a homophone of it either
    assert wrong and wrong[0].how in ("fuzzy", "pinyin") and "专项整治三年行动" in wrong[0].text
    # Ranked as the phrase bank ranks: a text hit above every pinyin hit.
    mixed = archive.search("安全生产", limit=20)
    assert mixed[0].how == "text" and mixed[0].score >= 90
    assert [h.score for h in mixed] == sorted((h.score for h in mixed), reverse=True)


def test_short_queries_and_no_match(archive) -> None:
    assert any("述职" in h.text for h in archive.search("述职"))
    assert archive.search("量子纠缠态") == []
    assert archive.search("   ") == []


def test_filters_by_year_genre_and_role(archive) -> None:
    all_years = archive.search("隐患排查")
    assert {s.year for h in all_years for s in h.sources} == {2021, 2022, 2023}
    recent = archive.search("隐患排查", year_from=2022, year_to=2024)
    assert recent and all(any(s.year and s.year >= 2022 for s in h.sources) for h in recent)
    assert not any("长效机制" in h.text for h in recent)  # 2021's summary is out of range
    summary = archive.search("隐患排查", genre="annual-summary")
    assert _texts(summary) == ["持续深化安全生产专项整治三年行动，健全隐患排查治理长效机制，筑牢安全发展底线。"]
    measures = archive.search("党组织", role="measure")
    assert measures and all(any(s.role == "measure" for s in h.sources) for h in measures)
    assert archive.search("党组织", role="greeting") == []


def test_incremental_add_reads_only_changed_files(location: str, folder: Path) -> None:
    summary = folder / "2021年工作总结.md"
    speech = folder / "2022年述职评议会讲话.txt"
    with open_archive(location) as archive:
        archive.add([str(folder)])
        again = archive.add([str(folder)])
        assert (again.added, again.unchanged, again.removed) == (0, 3, 0)
        os.utime(summary, ns=(summary.stat().st_atime_ns, summary.stat().st_mtime_ns + 10**9))
        touched = archive.add([str(folder)])
        assert (touched.added, touched.unchanged) == (0, 3)  # same bytes: not read again
        speech.write_text(
            speech.read_text(encoding="gb18030").replace("层层传导压力", "逐级压实责任"), encoding="gb18030"
        )
        changed = archive.add([str(folder)])
        assert (changed.added, changed.unchanged) == (1, 2)
        assert archive.search("层层传导压力") == []
        assert archive.search("逐级压实责任")
        summary.unlink()
        removed = archive.add([str(folder)])
        assert removed.removed == 1
        assert archive.search("双重预防机制") == []
        # A passage another document still uses stays, with the remaining source only.
        assert [s.year for s in archive.search("凝心铸魂")[0].sources] == [2023, 2022]
        assert archive.counts()[0] == 2


def test_unreadable_file_is_listed_and_skipped(location: str, folder: Path) -> None:
    (folder / "损坏.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "旧格式.txt").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    with open_archive(location) as archive:
        report = archive.add([str(folder)])
        assert report.added == 3
        assert {Path(p).name for p, _ in report.failed} == {"旧格式.txt", "损坏.docx"}
        assert all(reason for _, reason in report.failed)
        assert archive.search("凝心铸魂")


def test_interrupted_add_leaves_the_archive_as_it_was(location: str, folder: Path, monkeypatch) -> None:
    import drafter.archive.split as split
    import drafter.archive.store as store

    with open_archive(location) as archive:
        archive.add([str(folder / "2021年工作总结.md")])
        before = (archive.counts(), archive.documents())
        real = split.split_document
        calls = []

        def split_then_interrupt(doc, rules=None):
            calls.append(doc.path)
            if len(calls) == 2:
                raise KeyboardInterrupt
            return real(doc, rules)

        monkeypatch.setattr(split, "split_document", split_then_interrupt)
        monkeypatch.setattr(store, "BATCH_PARAGRAPHS", 1)  # the first file is already written when it stops
        (folder / "2021年工作总结.md").write_text(
            "# 改过的总结\n\n完全不同的一段新内容，用来检验回滚是否完整。\n", encoding="utf-8"
        )
        with pytest.raises(KeyboardInterrupt):
            archive.add([str(folder)])
        assert len(calls) == 2
        assert (archive.counts(), archive.documents()) == before
        assert archive.search("双重预防机制") and archive.search("凝心铸魂") == []
    with open_archive(location) as reopened:  # and so it is on disk / on the server
        assert (reopened.counts(), reopened.documents()) == before


def test_similar_says_how_much_of_a_draft_repeats_which_document(archive) -> None:
    draft = (
        "一、下一步工作\n"
        "三要狠抓安全生产隐患排查治理。全年开展隐患排查150次，整改问题410项，整改率达到99.5%，确保安全生产形势持续稳定。\n"
        "要大力推进数字化转型，建设智慧工地和数字孪生平台，让数据多跑路、职工少跑腿。\n"
    )
    result = archive.similar(draft)
    first, second = result.matches
    assert first.similarity >= 0.9 and first.hit is not None and "隐患排查" in first.hit.text
    assert second.similarity < result.threshold
    assert 0.4 < result.share < 0.7
    years = sorted(ref.year for ref, paragraphs, _chars in result.by_document if paragraphs == 1)
    assert years == [2022, 2023]


def test_closest_passages_for_the_cursor_paragraph(archive) -> None:
    closest = archive.closest("各级党组织要把学习贯彻习近平新时代中国特色社会主义思想作为首要政治任务。")
    assert closest and closest[0][1].text == SHARED and closest[0][0] > 0.8
    assert archive.closest("短句") == []


def test_cli_add_search_similar(run_cli, location: str, folder: Path, tmp_path: Path) -> None:
    (folder / "坏.docx").write_bytes(b"PK\x03\x04broken")
    added = run_cli("archive", "add", str(folder), "--archive", location)
    assert added.status == 2  # one file unreadable: listed, the rest added
    assert "坏.docx" in added.err and "收录 3 个文件" in added.out
    found = run_cli("archive", "search", "yhpc", "--archive", location, "--format", "json", "--year", "2022-2023")
    assert found.status == 0
    hits = json.loads(found.out)
    assert hits and all(h["how"] == "initials" for h in hits) and hits[0]["sources"][0]["year"] in (2022, 2023)
    masked = run_cli("archive", "search", "隐患排查治理。全年", "--archive", location, "--mask")
    assert "**次" in masked.out and "126" not in masked.out and "141" not in masked.out
    draft = tmp_path / "讲话稿.txt"
    draft.write_text(REUSED_2022.replace("126", "130") + "\n", encoding="utf-8")
    similar = run_cli("archive", "similar", str(draft), "--archive", location)
    assert similar.status == 0 and "重复" in similar.out and "2022" in similar.out
    bad = run_cli("archive", "search", "x", "--year", "明年", "--archive", location)
    assert bad.status == 2 and "--year" in bad.err


def test_cli_finds_nothing_and_says_so(run_cli, location: str, folder: Path) -> None:
    run_cli("archive", "add", str(folder), "--archive", location)
    result = run_cli("archive", "search", "量子纠缠态", "--archive", location)
    assert result.status == 1 and "没有找到" in result.out
    info = run_cli("archive", "info", "--archive", location)
    assert info.status == 0 and "3 个文件" in info.out


def test_editor_functions_search_insert_and_closest(location: str, folder: Path) -> None:
    import threading

    from drafter.archive.editor import EditorArchive

    with open_archive(location) as archive:
        archive.add([str(folder)])
    editor = EditorArchive(location)
    [hit] = [h for h in editor.search("隐患排查治理。全年") if h.how == "text"]
    inserted = editor.insert_text(hit)
    assert inserted.startswith("三要狠抓安全生产隐患排查治理。全年开展隐患排查**次，整改问题**项，整改率达到**%")
    results: list[object] = []
    workers = [
        threading.Thread(target=lambda: results.append(editor.closest(SHARED))),
        threading.Thread(target=lambda: results.append(editor.search("scyf"))),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert all(results) and len(results) == 2
    editor.close()


def test_editor_without_an_archive_says_so(tmp_path: Path) -> None:
    from drafter.archive.editor import EditorArchive

    editor = EditorArchive(str(tmp_path / "nothing.sqlite"))
    assert editor.search("安全") == [] and editor.closest("坚持安全发展理念不动摇。") == []
    assert editor.problem and "不存在" in editor.problem


def test_cli_similar_json_and_help(run_cli, location: str, folder: Path, tmp_path: Path) -> None:
    run_cli("archive", "add", str(folder), "--archive", location)
    draft = tmp_path / "新稿.txt"
    draft.write_text(
        f"一、总体要求\n{SHARED}\n这是一段全新的文字，和往年的材料没有任何相同之处，专门用来对照。\n", encoding="utf-8"
    )
    result = run_cli("archive", "similar", str(draft), "--archive", location, "--format", "json")
    assert result.status == 0
    data = json.loads(result.out)
    assert [p["line"] for p in data["paragraphs"]] == [2, 3]
    assert data["paragraphs"][0]["similarity"] == 1.0 and data["paragraphs"][0]["past"]["text"] == SHARED
    assert {d["source"]["year"] for d in data["documents"]} == {2022, 2023} and 0.3 < data["share"] < 0.7
    assert run_cli("archive").status == 2  # no sub-command: the help, as a usage error


def test_large_folder_read_by_worker_processes_and_interrupted(tmp_path: Path, monkeypatch) -> None:
    import drafter.archive.store as store

    monkeypatch.setattr(store, "PROCESS_MIN_FILES", 8)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # worker processes even on a one-core machine
    folder = tmp_path / "许多材料"
    folder.mkdir()
    for k in range(store.PROCESS_MIN_FILES + 6):
        tag = chr(0x5000 + 2 * k) + chr(0x5001 + 2 * k)  # two characters no other file has
        body = f"第{k}篇材料\n\n同志们：\n一、主要工作\n标记为{tag}的段落，每篇的标记各不相同，用来检验并行读取。\n"
        (folder / f"{k:03d}.txt").write_text(body, encoding="utf-8")
    location = str(tmp_path / "a.sqlite")
    with open_archive(location) as archive:

        def interrupt(done: int, total: int, name: str) -> None:
            if done == 6:
                raise KeyboardInterrupt

        with pytest.raises(KeyboardInterrupt):
            archive.add([str(folder)], progress=interrupt)
        assert archive.counts() == (0, 0, 0)
        report = archive.add([str(folder)])
        assert report.added == store.PROCESS_MIN_FILES + 6 and not report.failed
        tag = chr(0x5000 + 14) + chr(0x5001 + 14)
        [hit] = [h for h in archive.search(f"标记为{tag}的段落") if h.how == "text"]
        assert [(Path(s.path).name, s.line) for s in hit.sources] == [("007.txt", 5)]


def test_two_character_query_through_the_index_vocabulary(tmp_path: Path, folder: Path, monkeypatch) -> None:
    import drafter.archive.sqlite_backend as backend

    with open_archive(sqlite_location(tmp_path)) as archive:
        archive.add([str(folder)])
        by_scan = {h.passage_id for h in archive.search("述职", 50) if h.how == "text"}
        monkeypatch.setattr(backend, "SCAN_SECONDS", -1.0)  # every scan out of time at once
        monkeypatch.setattr(backend, "SCAN_STEPS", 1)
        by_index = {h.passage_id for h in archive.search("述职", 50) if h.how == "text"}
        assert by_scan and by_index == by_scan
        assert [h for h in archive.search("鲲鹏", 50) if h.how == "text"] == []


def test_a_hit_keeps_its_latest_sources_and_counts_them_all(archive, monkeypatch) -> None:
    import drafter.archive.store as store

    monkeypatch.setattr(store, "SOURCES_PER_HIT", 1)
    [hit] = [h for h in archive.search("凝心铸魂") if h.how == "text"]
    assert hit.source_count == 2 and [s.year for s in hit.sources] == [2023]
    assert hit.to_json()["source_count"] == 2


def test_sqlite_index_merges_less_often_and_finds_the_same(tmp_path: Path, folder: Path) -> None:
    """The build's merge and in-memory settings are the index's own (FTS5 config), and an index
    built under them answers like one rebuilt from scratch under FTS5's defaults."""
    import drafter.archive.sqlite_backend as backend

    with open_archive(sqlite_location(tmp_path)) as archive:
        archive.add([str(folder)])
        conn = archive.backend.conn
        for index in ("passage_index", "initials_index"):
            [(value,)] = conn.execute(f"SELECT v FROM {index}_config WHERE k = 'automerge'").fetchall()
            assert int(value) == backend.AUTOMERGE
            [(value,)] = conn.execute(f"SELECT v FROM {index}_config WHERE k = 'hashsize'").fetchall()
            assert int(value) == backend.HASHSIZE[index]
        before = [(h.passage_id, h.how) for q in ("凝心铸魂", "yhpc", "安全生产") for h in archive.search(q, 50)]
        for index in ("passage_index", "initials_index"):
            conn.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
        after = [(h.passage_id, h.how) for q in ("凝心铸魂", "yhpc", "安全生产") for h in archive.search(q, 50)]
        assert before and after == before


def test_two_character_query_the_same_whether_index_or_scan_goes_first(
    tmp_path: Path, folder: Path, monkeypatch
) -> None:
    import drafter.archive.sqlite_backend as backend

    with open_archive(sqlite_location(tmp_path)) as archive:
        archive.add([str(folder)])
        [last] = archive.backend.conn.execute("SELECT substr(text, -2) FROM passages ORDER BY id LIMIT 1").fetchone()
        pairs = ["述职", "安全", last]
        monkeypatch.setattr(backend, "FEW_TERMS", 0)  # never the index first
        by_scan = [[h.passage_id for h in archive.search(q, 50)] for q in pairs]
        monkeypatch.setattr(backend, "FEW_TERMS", 256)  # always the index first
        by_index = [[h.passage_id for h in archive.search(q, 50)] for q in pairs]
        assert all(by_scan) and by_index == by_scan


def test_among_many_matches_the_newest_added_are_ranked(tmp_path: Path, monkeypatch) -> None:
    """More matches than a tier ranks: SQLite hands over the latest-added ones (the wording of
    the last years, not of the first files ever added)."""
    import drafter.archive.store as store

    folder = tmp_path / "往年"
    folder.mkdir()
    words = "春夏秋冬东西南北"  # a word apiece, so that the passages are not near-duplicates of each other
    for year, word in zip(range(2016, 2024), words, strict=True):
        (folder / f"{year}年工作总结.txt").write_text(
            f"{year}年工作总结\n\n一、主要工作\n全面加强安全生产工作，{word}季各项目标任务圆满完成。\n",
            encoding="utf-8",
        )
    monkeypatch.setattr(store, "CANDIDATES", 3)
    with open_archive(sqlite_location(tmp_path)) as archive:
        archive.add([str(folder)])
        hits = archive.search("加强安全生产", 3)  # the text tier fills the page: no other tier runs
        assert sorted(h.year or 0 for h in hits) == [2021, 2022, 2023]
        assert len(archive.search("加强安全生产", 20)) == 8  # asked for more, the other tiers find the rest


def _sources(archive, query: str) -> list[tuple[str, int | None, int, int]]:
    return [
        (Path(s.path).name, s.year, s.line, h.source_count)
        for h in archive.search(query)
        if h.how == "text"
        for s in h.sources
    ]


def test_sources_of_a_much_used_passage_are_found_by_year_the_same(archive, monkeypatch) -> None:
    import drafter.archive.store as store

    monkeypatch.setattr(store, "SOURCES_PER_HIT", 1)
    assert archive.backend.source_years
    plain = _sources(archive, "凝心铸魂")
    monkeypatch.setattr(store, "MANY_SOURCES", 0)  # every hit through the sources' years
    assert _sources(archive, "凝心铸魂") == plain == [("2023年述职评议会讲话.docx", 2023, 6, 2)]
    monkeypatch.setattr(store, "SOURCES_PER_HIT", 5)
    assert [row[1] for row in _sources(archive, "凝心铸魂")] == [2023, 2022]


def test_an_archive_made_before_sources_had_years_opens_and_is_migrated(
    location: str, folder: Path, monkeypatch
) -> None:
    import drafter.archive.store as store

    with open_archive(location) as archive:
        archive.add([str(folder)])
        expected = _sources(archive, "凝心铸魂")
        # The layout of the last release: no year in sources, an index on passage_id alone.
        q = archive.backend.execute
        q("DROP INDEX sources_passage_year")
        q("ALTER TABLE sources DROP COLUMN year")
        q("CREATE INDEX sources_passage ON sources(passage_id)")
        q("UPDATE meta SET value = '2' WHERE key = 'schema'")
        if archive.backend.kind == "sqlite":
            archive.backend.conn.execute("VACUUM")
    monkeypatch.setattr(store, "MANY_SOURCES", 0)
    with open_archive(location, create=False) as old:  # opened to search: left as it is, still works
        assert not old.backend.source_years
        assert _sources(old, "凝心铸魂") == expected
    with open_archive(location) as archive:  # opened to add: migrated
        assert archive.backend.source_years
        assert archive.backend.execute("SELECT value FROM meta WHERE key = 'schema'") == [("3",)]
        assert archive.backend.execute("SELECT count(*) FROM sources WHERE year IS NULL")[0][0] == 0
        assert _sources(archive, "凝心铸魂") == expected
        assert archive.add([str(folder)]).unchanged == 3
    with open_archive(location, create=False) as again:
        assert again.backend.source_years and _sources(again, "凝心铸魂") == expected


def _integrity(conn) -> None:
    """FTS5's own check of both indexes against the passages they index (raises if not)."""
    for index in ("passage_index", "initials_index"):
        conn.execute(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")


QUERIES = ("凝心铸魂", "安全生产", "隐患排查", "述职", "yhpc", "shuangchongyufang", "专项整制三年行动", "党组织")


def test_first_add_builds_the_text_index_on_the_side_and_it_answers_the_same(
    tmp_path: Path, folder: Path, monkeypatch
) -> None:
    """An archive's first add builds its text index in a second connection and thread and
    copies it in at commit: the same hits as one built in place, an index FTS5 finds sound,
    and later adds (a changed file, a removed one) go on in place from it."""
    import drafter.archive.sqlite_backend as backend

    def hits(archive) -> list[tuple[str, str, float, int]]:
        return [(h.text, h.how, h.score, h.source_count) for q in QUERIES for h in archive.search(q, 50)]

    sides = []
    real = backend._SideTextIndex
    monkeypatch.setattr(backend, "_SideTextIndex", lambda: sides.append(real()) or sides[-1])
    with open_archive(str(tmp_path / "side.sqlite")) as archive:
        assert hits(archive) == []  # searched while empty: this connection has read the index
        archive.add([str(folder)])
        assert len(sides) == 1 and archive.backend.side is None  # built on the side, and closed
        _integrity(archive.backend.conn)
        on_the_side = hits(archive)
    monkeypatch.setattr(backend, "SIDE_BUILD", False)
    with open_archive(str(tmp_path / "in-place.sqlite")) as archive:
        archive.add([str(folder)])
        assert hits(archive) == on_the_side and len(sides) == 1
    with open_archive(str(tmp_path / "side.sqlite"), create=False) as reopened:
        assert hits(reopened) == on_the_side
    monkeypatch.setattr(backend, "SIDE_BUILD", True)
    (folder / "2021年工作总结.md").unlink()
    (folder / "2022年述职评议会讲话.txt").write_text(
        "在2022年度会议上的讲话\n\n同志们：\n一、主要工作\n新加的一段话，讲的是鲲鹏展翅的故事，用来检验第二次添加。\n",
        encoding="utf-8",
    )
    with open_archive(str(tmp_path / "side.sqlite")) as archive:
        report = archive.add([str(folder)])
        assert (report.added, report.removed) == (1, 1) and len(sides) == 1  # not empty: in place
        assert [h.how for h in archive.search("鲲鹏展翅")] == ["text"]
        assert archive.search("长效机制") == [] and archive.search("凝心铸魂")
        _integrity(archive.backend.conn)


def test_interrupted_first_add_leaves_an_empty_archive_and_no_side_index(
    tmp_path: Path, folder: Path, monkeypatch
) -> None:
    import drafter.archive.split as split
    import drafter.archive.store as store

    real = split.split_document
    calls = []

    def split_then_interrupt(doc, rules=None):
        calls.append(doc.path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(doc, rules)

    monkeypatch.setattr(split, "split_document", split_then_interrupt)
    monkeypatch.setattr(store, "BATCH_PARAGRAPHS", 1)  # passages already sent to the side index
    location = str(tmp_path / "a.sqlite")
    with open_archive(location) as archive:
        with pytest.raises(KeyboardInterrupt):
            archive.add([str(folder)])
        assert archive.backend.side is None and archive.counts() == (0, 0, 0)
        monkeypatch.setattr(split, "split_document", real)
        assert archive.add([str(folder)]).added == 3
        assert [h.how for h in archive.search("凝心铸魂")] == ["text"]
        _integrity(archive.backend.conn)


def _pg_layout(archive) -> list[tuple[str, ...]]:
    """The passages table's indexes and constraints by name and definition, and no staging table."""
    q = archive.backend.execute
    indexes = q(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'passages' AND schemaname = current_schema()"
    )
    constraints = q("SELECT conname, contype FROM pg_constraint WHERE conrelid = to_regclass('passages')")
    staged = q("SELECT to_regclass('passages_build') IS NOT NULL")[0][0]
    definitions = sorted((name, definition.split(" USING ")[1]) for name, definition in indexes)
    return definitions + sorted(constraints) + [staged]


def test_postgres_first_add_builds_both_indexes_at_once_and_answers_the_same(folder: Path, monkeypatch) -> None:
    """The first add loads its passages into a table of their own on a second connection, builds
    the two trigram indexes on two server processes and renames it into place: the same hits,
    tables and index names as an archive built in one transaction, and later adds go on in place."""
    import drafter.archive.postgres_backend as backend

    def hits(archive) -> list[tuple[str, str, float, int]]:
        return [(h.text, h.how, h.score, h.source_count) for q in QUERIES for h in archive.search(q, 50)]

    staged_location = postgres_location()
    with open_archive(staged_location) as archive:
        assert hits(archive) == []
        archive.add([str(folder)])
        assert archive.backend._first is None
        staged, layout = hits(archive), _pg_layout(archive)
    monkeypatch.setattr(backend, "STAGED_FIRST_BUILD", False)
    with open_archive(postgres_location()) as archive:
        archive.add([str(folder)])
        assert hits(archive) == staged and _pg_layout(archive) == layout
    assert layout[-1] is False and {name for name, *_ in layout[:-1]} >= {
        "passages_pkey",
        "passages_key_key",
        "passages_text_trgm",
        "passages_initials_trgm",
    }
    with open_archive(staged_location, create=False) as reopened:
        assert hits(reopened) == staged
    monkeypatch.setattr(backend, "STAGED_FIRST_BUILD", True)
    (folder / "2021年工作总结.md").unlink()
    (folder / "2022年述职评议会讲话.txt").write_text(
        "在2022年度会议上的讲话\n\n同志们：\n一、主要工作\n新加的一段话，讲的是鲲鹏展翅的故事，用来检验第二次添加。\n",
        encoding="utf-8",
    )
    with open_archive(staged_location) as archive:
        report = archive.add([str(folder)])
        assert (report.added, report.removed) == (1, 1)
        assert [h.how for h in archive.search("鲲鹏展翅")] == ["text"]
        assert archive.search("长效机制") == [] and archive.search("凝心铸魂")
        assert _pg_layout(archive) == layout


@pytest.mark.parametrize("stage", ["loading", "indexing"])
def test_postgres_interrupted_first_add_leaves_an_empty_archive_and_no_staging_table(
    folder: Path, monkeypatch, stage: str
) -> None:
    import drafter.archive.postgres_backend as backend
    import drafter.archive.split as split
    import drafter.archive.store as store

    real_split, real_finish = split.split_document, backend._FirstBuild.finish
    calls = []

    def split_then_interrupt(doc, rules=None):
        calls.append(doc.path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_split(doc, rules)

    class InterruptedAtTheIndex:  # the add's connection, Ctrl-C while the text index builds on the other
        def __init__(self, conn) -> None:
            self.conn = conn

        def execute(self, sql, *args):
            if sql.startswith("CREATE INDEX"):
                raise KeyboardInterrupt
            return self.conn.execute(sql, *args)

    def finish_then_interrupt(self, add):
        real_finish(self, InterruptedAtTheIndex(add))

    if stage == "loading":
        monkeypatch.setattr(split, "split_document", split_then_interrupt)
        monkeypatch.setattr(store, "BATCH_PARAGRAPHS", 1)  # passages already committed to the staging table
    else:
        monkeypatch.setattr(backend._FirstBuild, "finish", finish_then_interrupt)
    location = postgres_location()
    with open_archive(location) as archive:
        with pytest.raises(KeyboardInterrupt):
            archive.add([str(folder)])
        assert archive.backend._first is None and archive.counts() == (0, 0, 0)
        assert archive.backend.execute("SELECT to_regclass('passages_build') IS NULL")[0][0]
        monkeypatch.setattr(split, "split_document", real_split)
        monkeypatch.setattr(backend._FirstBuild, "finish", real_finish)
        assert archive.add([str(folder)]).added == 3
        assert [h.how for h in archive.search("凝心铸魂")] == ["text"]


def test_postgres_two_adds_at_once_take_turns(tmp_path: Path, folder: Path) -> None:
    """Two writers adding to a new archive at the same moment: one builds it, the other waits
    for it and then adds in place; every document and passage is there once, and the
    duplicate paragraphs of the two folders are stored once with the sources of both."""
    import shutil
    import threading

    location = postgres_location()
    other = tmp_path / "其他"
    shutil.copytree(folder, other)
    (other / "2021年工作总结.md").write_text(
        "# 2021年工作总结\n\n一、主要工作\n另一个文件夹里独有的一段话，讲的是鲲鹏展翅的故事。\n", encoding="utf-8"
    )
    with open_archive(location) as archive:  # the tables exist before the race, as after `drafter archive add`
        archive.counts()
    reports, errors = [], []

    def add(path: Path) -> None:
        try:
            with open_archive(location) as archive:
                reports.append(archive.add([str(path)]))
        except BaseException as exc:  # the test reports it below
            errors.append(exc)

    writers = [threading.Thread(target=add, args=(path,)) for path in (folder, other)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=120)
    assert errors == [] and sorted(r.added for r in reports) == [3, 3]
    with open_archive(location, create=False) as archive:
        docs, passages, sources = archive.counts()
        assert docs == 6 and passages == archive.backend.execute("SELECT count(DISTINCT key) FROM passages")[0][0]
        assert sources == sum(r.paragraphs for r in reports)
        assert archive.search("鲲鹏展翅") and archive.search("凝心铸魂")
        shared = archive.search("凝心铸魂")[0]
        root = tmp_path.resolve()
        assert {Path(s.path).relative_to(root).parts[0] for s in shared.sources} == {folder.name, "其他"}
        assert archive.backend.execute("SELECT to_regclass('passages_build') IS NULL")[0][0]


def test_postgres_planner_is_told_how_many_distinct_passages_the_sources_name(folder: Path) -> None:
    """After an add the sources' passage_id carries the archive's own count of distinct passages
    (a fraction of the sources), not ANALYZE's guess from a sample, which a few much-used
    passages drive far too low; an add that hardly moves it leaves it alone."""
    with open_archive(postgres_location()) as archive:
        archive.add([str(folder)])
        q = archive.backend.execute
        _docs, passages, sources = archive.counts()
        share = q(
            "SELECT option_value FROM pg_attribute, pg_options_to_table(attoptions) "
            "WHERE attrelid = to_regclass('sources') AND attname = 'passage_id' AND option_name = 'n_distinct'"
        )
        assert share and float(share[0][0]) == pytest.approx(-passages / sources, abs=1e-3)
        stats = q(
            "SELECT n_distinct FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = 'sources' AND attname = 'passage_id'"
        )
        assert stats and stats[0][0] == pytest.approx(-passages / sources, abs=1e-3)
        assert archive.add([str(folder)]).unchanged == 3
        assert (
            q(
                "SELECT option_value FROM pg_attribute, pg_options_to_table(attoptions) "
                "WHERE attrelid = to_regclass('sources') AND attname = 'passage_id'"
            )
            == share
        )


def test_postgres_common_needles_read_the_table_in_order_and_find_the_same(archive, monkeypatch) -> None:
    """A needle found in many passages is looked for by reading the table in order up to the
    limit rather than through the index: the same rows in the same order, hence the same hits."""
    if archive.backend.kind != "postgresql":
        pytest.skip("PostgreSQL only")
    import drafter.archive.postgres_backend as backend

    def hits() -> list[tuple[str, str, float, int]]:
        return [(h.text, h.how, h.score, h.source_count) for q in QUERIES for h in archive.search(q, 50)]

    monkeypatch.setattr(backend, "SCAN_SHARE", 2.0)  # never
    through_the_index = hits()
    scans = []
    real = archive.backend.scan_candidates
    monkeypatch.setattr(archive.backend, "scan_candidates", lambda *a: scans.append(a[:2]) or real(*a))
    monkeypatch.setattr(backend, "SCAN_SHARE", 0.0)  # always, the sample being the whole archive
    monkeypatch.setattr(backend, "SAMPLE_MIN_PASSAGES", 0)
    monkeypatch.setattr(backend, "SAMPLE_ROWS", 10**9)
    archive.backend._sample = None
    assert hits() == through_the_index and through_the_index
    assert ("text", "凝心铸魂") in scans and ("initials", "yhpc") in scans
    assert archive.backend._sample and len(archive.backend._sample["text"]) == archive.counts()[1]


def test_postgres_a_batch_that_fails_on_the_second_connection_fails_the_add(folder: Path, monkeypatch) -> None:
    """The first add's passages are written by a connection of their own; an error there (here a
    passage sent twice) is the add's error, and the archive stays as it was, with no staging table."""
    import psycopg

    import drafter.archive.postgres_backend as backend

    real = backend._FirstBuild.insert
    monkeypatch.setattr(backend._FirstBuild, "insert", lambda self, rows: real(self, rows + rows[:1]))
    with open_archive(postgres_location()) as archive:
        with pytest.raises(psycopg.errors.UniqueViolation):
            archive.add([str(folder)])
        assert archive.counts() == (0, 0, 0) and archive.backend._first is None
        assert archive.backend.execute("SELECT to_regclass('passages_build') IS NULL")[0][0]
        monkeypatch.setattr(backend._FirstBuild, "insert", real)
        assert archive.add([str(folder)]).added == 3
