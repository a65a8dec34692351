"""Issue 17: nothing a file can do stops the run. Each damaged or hostile input ends in exit 0, 1
or 2 with one line naming it, the files after it are still checked and the JSON is still printed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile import (
    corrupt_deflate,
    many_members,
    nested_tables,
    patch_member,
    real_docx,
    replace_part,
)

GOOD = "今天召开**会议。\n"


def check_with_a_good_file(tmp_path: Path, run_cli, bad: Path, *extra: str):  # type: ignore[no-untyped-def]
    good = tmp_path / "好稿.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(bad), str(good), "--format", "json", *extra)
    assert result.status == 2, (result.status, result.err)
    lines = [line for line in result.err.splitlines() if line]
    assert len(lines) == 1, result.err
    assert str(bad) in lines[0] and "Traceback" not in result.err and "内部错误" not in result.err
    found = json.loads(result.out)
    assert [f["text"] for f in found] == ["**"]  # the good file after the bad one was checked
    return lines[0]


@pytest.mark.parametrize(
    ("case", "make", "words"),
    [
        ("corrupt-deflate", lambda: corrupt_deflate(real_docx()), "已损坏"),
        ("encrypted-flag", lambda: patch_member(real_docx(), "word/document.xml", flags=1), "加密"),
        ("unknown-compression", lambda: patch_member(real_docx(), "word/document.xml", method=99), "压缩方式"),
        ("600-nested-tables", lambda: replace_part(real_docx(), "word/document.xml", nested_tables(600)), "嵌套"),
        (
            "directory-claims-2GB",
            lambda: patch_member(real_docx(), "word/document.xml", declared_size=2**31),
            "过大",
        ),
        (
            "directory-understates-a-bomb",
            lambda: patch_member(
                replace_part(real_docx(), "word/document.xml", stream_zeros=40 * 2**20),
                "word/document.xml",
                declared_size=1000,
            ),
            "已损坏",
        ),
        (
            "100MB-of-empty-paragraphs",
            lambda: replace_part(real_docx(), "word/document.xml", stream_zeros=100 * 2**20),
            "过大",
        ),
        (
            "bombed-styles",
            lambda: replace_part(real_docx(), "word/styles.xml", stream_zeros=20 * 2**20),
            "styles.xml",
        ),
        ("too-many-members", lambda: many_members(6000), "6001 个文件"),
        ("truncated", lambda: real_docx()[:-200], "不是有效的 .docx"),
        ("not-xml", lambda: replace_part(real_docx(), "word/document.xml", b"<w:document><<"), "XML"),
    ],
)
def test_a_damaged_docx_is_one_line_and_the_run_goes_on(tmp_path: Path, run_cli, case: str, make, words: str) -> None:
    data = make()
    assert len(data) < 600_000  # bombs are kilobytes (6,000 empty members take 500 KB)
    bad = tmp_path / f"{case}.docx"
    bad.write_bytes(data)
    line = check_with_a_good_file(tmp_path, run_cli, bad)
    assert words in line


def test_nesting_within_the_limit_is_read(tmp_path: Path) -> None:
    from drafter.readers import read_path

    path = tmp_path / "深.docx"
    path.write_bytes(replace_part(real_docx(), "word/document.xml", nested_tables(40)))
    assert read_path(path).text == "最里面的**"


def test_many_paragraphs_are_capped_by_count(tmp_path: Path, monkeypatch) -> None:
    import drafter.readers.docx as reader
    from drafter.errors import InputError
    from drafter.readers import read_path

    monkeypatch.setattr(reader, "MAX_PARAGRAPHS", 10_000)
    path = tmp_path / "空段落.docx"
    path.write_bytes(replace_part(real_docx(), "word/document.xml", stream_zeros=1_000_000))
    with pytest.raises(InputError, match="段落超过 10000 个"):
        read_path(path)


posix = pytest.mark.skipif(os.name == "nt", reason="FIFOs and /dev are POSIX")


@posix
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused_before_opening(tmp_path: Path, run_cli, device: str) -> None:
    bad = tmp_path / "稿.docx"
    bad.symlink_to(device)
    assert "设备文件" in check_with_a_good_file(tmp_path, run_cli, bad)


@posix
def test_a_fifo_alone_or_in_a_folder_does_not_hang(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "稿件"
    folder.mkdir()
    fifo = folder / "管道.txt"
    os.mkfifo(fifo)
    assert "命名管道" in check_with_a_good_file(tmp_path, run_cli, fifo)
    (folder / "另一篇.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", str(folder), "--format", "json")
    assert result.status == 2 and "命名管道" in result.err
    assert [f["text"] for f in json.loads(result.out)] == ["**"]


def test_reference_docx_broken_rels_or_macro_enabled_is_one_line(tmp_path: Path, run_cli) -> None:
    draft = tmp_path / "稿.txt"
    draft.write_text("关于工作的讲话\n\n继续努力。\n", encoding="utf-8")
    broken = tmp_path / "模板.docx"
    broken.write_bytes(replace_part(real_docx(), "word/_rels/document.xml.rels", b"<Relationships><oops"))
    ct = "application/vnd.ms-word.document.macroEnabled.main+xml"
    data = real_docx()
    import zipfile
    from io import BytesIO

    types = (
        zipfile.ZipFile(BytesIO(data))
        .read("[Content_Types].xml")
        .replace(b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", ct.encode())
    )
    macro = tmp_path / "宏模板.docx"
    macro.write_bytes(replace_part(data, "[Content_Types].xml", types))
    docm = tmp_path / "模板.docm"
    docm.write_bytes(real_docx())
    for reference in (broken, macro, docm):
        result = run_cli("export", str(draft), "-o", str(tmp_path / "出.docx"), "--reference-docx", str(reference))
        assert result.status == 2, (reference, result.status, result.err)
        assert len(result.err.strip().splitlines()) == 1 and str(reference) in result.err
        assert "Traceback" not in result.err


def test_a_text_of_bare_newlines_is_refused_by_line_count(tmp_path: Path, run_cli, monkeypatch) -> None:
    import drafter.readers as readers

    monkeypatch.setattr(readers, "MAX_LINES", 1000)
    bad = tmp_path / "空行.txt"
    bad.write_bytes(b"\n" * 5000)
    assert "行数过多" in check_with_a_good_file(tmp_path, run_cli, bad)


def test_annotate_goes_on_after_a_file_it_cannot_annotate(tmp_path: Path, run_cli) -> None:
    import zipfile
    from io import BytesIO

    data = real_docx()
    types = zipfile.ZipFile(BytesIO(data)).read("[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    bad = tmp_path / "宏.docx"
    bad.write_bytes(replace_part(data, "[Content_Types].xml", types))
    good = tmp_path / "好.docx"
    good.write_bytes(real_docx())
    result = run_cli("check", str(bad), str(good), "--annotate", "--format", "json")
    assert result.status == 2, result.err
    assert str(bad) in result.err and "Traceback" not in result.err and "内部错误" not in result.err
    assert (tmp_path / "好.审校.docx").exists()
    assert [f["text"] for f in json.loads(result.out)] == ["**", "XX"]


def test_a_zip64_package_is_counted_from_its_own_record(tmp_path: Path, monkeypatch) -> None:
    import io
    import struct
    import zipfile

    from drafter.errors import InputError
    from drafter.readers import read_path

    src = zipfile.ZipFile(io.BytesIO(real_docx()))
    out = io.BytesIO()
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 1)  # makes zipfile write a ZIP64 end record
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
    monkeypatch.undo()
    data = bytearray(out.getvalue())
    eocd = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, eocd + 8, 0xFFFF, 0xFFFF)  # as tools that always write ZIP64 do
    path = tmp_path / "zip64.docx"
    path.write_bytes(bytes(data))
    assert "今天召开**会议" in read_path(path).text
    record = data.rfind(b"PK\x06\x06")
    struct.pack_into("<Q", data, record + 32, 10**9)  # a forged count of a billion members
    path.write_bytes(bytes(data))
    with pytest.raises(InputError, match="压缩包目录过大"):
        read_path(path)
