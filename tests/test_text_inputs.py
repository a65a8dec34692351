"""Text files in every encoding writers have, and every kind of bad input."""

from __future__ import annotations

import codecs
import json
import zipfile
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.readers import read_path

SAMPLE = "同志们：\r\n今天召开**企业述职会，XX同志主持。\r\n"
# A name character GBK lacks (U+20000): its file is GB18030 proper, not GBK.
SAMPLE_GB18030 = "同志们𠀀：\r\n今天召开**企业述职会，XX同志主持。\r\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("utf-16"), "utf-16"),  # with BOM (LE on this machine)
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
        (SAMPLE_GB18030.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gbk"),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoded: bytes, encoding: str, run_cli) -> None:
    path = tmp_path / "稿.txt"
    path.write_bytes(encoded)
    doc = read_path(path)
    assert doc.encoding == encoding
    assert doc.text == encoded.decode(encoding).lstrip("\ufeff").replace("\r\n", "\n")
    result = run_cli("check", str(path), "--format", "json")
    assert result.status == 1
    found = [(f["line"], f["column"], f["text"]) for f in json.loads(result.out)]
    assert found == [(2, 5, "**"), (2, 13, "XX")]


def _corrupt_zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)


def _zip_without_document(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not word")


def _bad_xml(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document><w:body><w:p>")


@pytest.mark.parametrize(
    ("name", "make", "expect"),
    [
        ("不存在.txt", None, "文件不存在"),
        ("binary.txt", lambda p: p.write_bytes(bytes(range(256)) * 20), "二进制"),
        ("old.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".docx"),
        ("old.wps", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".docx"),
        ("renamed.txt", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), ".docx"),
        ("corrupt.docx", _corrupt_zip, "已损坏"),
        ("empty.docx", lambda p: p.write_bytes(b""), "不是有效的 .docx"),
        ("notword.docx", _zip_without_document, "word/document.xml"),
        ("badxml.docx", _bad_xml, "已损坏"),
        ("encrypted.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "加密"),
        ("scan.txt", lambda p: p.write_bytes(b"%PDF-1.7\n" + bytes(range(256))), "PDF"),
        ("broken-utf16.txt", lambda p: p.write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8"), "UTF-16"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_others_still_checked(
    tmp_path: Path, run_cli, name: str, make, expect: str
) -> None:
    bad = tmp_path / name
    if make:
        make(bad)
    good = tmp_path / "good.txt"
    good.write_text("请于**前报送。", encoding="utf-8")
    result = run_cli("check", str(bad), str(good))
    assert result.status == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert str(bad) in lines[0] and expect in lines[0]
    assert "Traceback" not in result.err
    # The good file after it was still checked.
    assert f"{good}:1:3:" in result.out


def test_read_errors_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_path(tmp_path)


def test_empty_file_is_checked_with_a_note(tmp_path: Path, run_cli) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("check", str(empty))
    assert result.status == 0
    assert "空" in result.err
    assert "未发现问题" in result.out


def test_directory_is_searched(tmp_path: Path, run_cli) -> None:
    (tmp_path / "a.txt").write_text("**", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("XX单位", encoding="utf-8")
    (tmp_path / "sub" / "~$lock.docx").write_bytes(b"junk")  # Word's lock file: ignored
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("**", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("**", encoding="utf-8")
    result = run_cli("check", str(tmp_path), "--format", "json")
    assert result.status == 1
    assert result.out.count('"path"') == 2
    assert "a.txt" in result.out and "b.md" in result.out


def test_empty_directory_is_an_error(tmp_path: Path, run_cli) -> None:
    result = run_cli("check", str(tmp_path))
    assert result.status == 2
    assert "没有 .txt" in result.err


def test_stdin(run_cli) -> None:
    result = run_cli("check", "-", "--format", "json", stdin="会议由某某主持。".encode("gb18030"))
    assert result.status == 1
    assert '"path": "<stdin>"' in result.out and '"text": "某某"' in result.out


def test_huge_text_is_refused_without_reading(tmp_path: Path, run_cli, monkeypatch) -> None:
    import drafter.readers as readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("同志们" * 1000, encoding="utf-8")
    result = run_cli("check", str(big))
    assert result.status == 2 and "过大" in result.err


def test_short_gbk_that_happens_to_be_valid_utf8_is_read_as_gbk(tmp_path) -> None:
    """`某某` in GBK is the bytes C4 B3 C4 B3, also valid UTF-8 (ĳĳ): it must still be a blank."""
    from drafter.readers import read_path

    path = tmp_path / "短.txt"
    path.write_bytes("某某\n".encode("gbk"))
    doc = read_path(path)
    assert doc.text == "某某\n" and doc.encoding == "gbk"
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café 5G\n".encode())  # no GBK reading with Chinese: stays UTF-8
    assert read_path(latin).encoding == "utf-8"


def test_values_file_in_gbk_is_read_as_gbk(tmp_path) -> None:
    from drafter.docxedit.files import read_values

    path = tmp_path / "值.txt"
    path.write_bytes("值1\n值2\n".encode("gbk"))
    assert read_values(path) == ["值1", "值2"]
