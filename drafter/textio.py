"""Decoding the text files writers actually have: UTF-8 (with or without BOM), UTF-16 with BOM,
and legacy GB18030/GBK from older Windows tools. Binary and legacy Word files are refused with a
message that tells the writer what to do, because guessing would report nonsense findings.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from drafter.errors import InputError

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF = 8192

# Control characters that never occur in a real text file (tab, LF, CR, FF, VT and ESC do).
_BAD_CONTROLS = frozenset(range(0, 32)) - {9, 10, 11, 12, 13, 27}
_BAD_CONTROL = re.compile("[" + "".join(chr(c) for c in sorted(_BAD_CONTROLS)) + "]")


def sniff_binary(data: bytes, path: str) -> None:
    """Raise InputError if `data` is plainly not a text file, naming what it looks like."""
    head = data[:_SNIFF]
    if head.startswith(_OLE_MAGIC):
        raise InputError(path, "这是旧版 Word/WPS 文件（.doc/.wps），无法读取：请在 Word 或 WPS 中另存为 .docx 后再试")
    if head.startswith(b"PK\x03\x04"):
        raise InputError(path, "这是压缩包格式的文件（可能是 .docx），但扩展名不是 .docx：请改用 .docx 扩展名")
    if head.startswith(b"%PDF"):
        raise InputError(path, "这是 PDF 文件，无法检查：请提供 .docx 或 .txt 文本")
    if head.startswith(b"{\\rtf"):
        raise InputError(path, "这是 RTF 文件，无法检查：请在 Word 或 WPS 中另存为 .docx")


@dataclass(frozen=True)
class DecodedText:
    """A decoded text file and what it takes to write it back the same way."""

    text: str  # lines separated by '\\n'
    encoding: str  # a codec name that re-encodes it: utf-8, utf-8-sig, utf-16, utf-32, gbk, gb18030
    newline: str  # the file's line ending: '\\n', '\\r\\n' or '\\r' (the most frequent one)


def decode_draft(data: bytes, path: str) -> DecodedText:
    """Decode a text file's bytes, keeping its encoding and line-ending style for writing back."""
    text, encoding = decode_text(data, path)
    return DecodedText(text, encoding, detect_newline(data, encoding))


def detect_newline(data: bytes, encoding: str = "utf-8") -> str:
    """The line ending most used in `data` ('\\n' when there is none)."""
    if encoding.startswith(("utf-16", "utf-32")):
        try:
            sample = data.decode(encoding, errors="replace")
        except LookupError:
            return "\n"
        crlf, cr, lf = sample.count("\r\n"), sample.count("\r"), sample.count("\n")
    else:
        crlf, cr, lf = data.count(b"\r\n"), data.count(b"\r"), data.count(b"\n")
    cr -= crlf
    lf -= crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"), key=lambda pair: pair[0])
    return best[1] if best[0] else "\n"


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Decode a text file's bytes, returning (text, encoding name).

    Order: BOMs first (they are unambiguous), then strict UTF-8, then GBK, then GB18030 (its
    superset; named apart so that a GBK draft is written back as GBK, which older tools need).
    Line endings are normalised to '\\n' so line numbers match every editor's.
    """
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", path), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        text, encoding = _strict(data, "utf-32", path), "utf-32"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", path), "utf-16"
    else:
        sniff_binary(data, path)
        if b"\x00" in data[:_SNIFF]:
            raise InputError(path, "看起来是二进制文件，不是文本：请提供 .txt、.md 或 .docx 文件")
        text, encoding = _decode_unmarked(data, path)
        _reject_control_heavy(text, path)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(path, f"文件声明为 {encoding.upper()} 编码，但内容有损坏的字节") from None


def _reject_control_heavy(text: str, path: str) -> None:
    """A legacy decoder accepts almost any bytes; many control characters mean it was not text."""
    sample = text[:_SNIFF]
    if not sample:
        return
    bad = len(_BAD_CONTROL.findall(sample))  # not char by char in Python: an archive add reads thousands
    if bad * 100 > len(sample):
        raise InputError(path, "看起来是二进制文件，不是文本：请提供 .txt、.md 或 .docx 文件")


def _looks_like_gbk(text: str, data: bytes) -> bool:
    """A short GBK text can be valid UTF-8 by accident (`某某` in GBK reads as `ĳĳ`, `值1` as a
    Hebrew point and `1`). UTF-8 Chinese always has three-byte characters; so a 'UTF-8' reading
    with no CJK at all, some two-byte character beyond Latin-1 (é and ü stay UTF-8), and a GBK
    reading that is common Chinese (GB2312) throughout, is GBK."""
    if any(ch >= "\u0800" for ch in text) or not any("\u0100" <= ch < "\u0800" for ch in text):
        return False
    try:
        legacy = data.decode("gbk")
    except UnicodeDecodeError:
        return False
    wide = [ch for ch in legacy if ord(ch) > 0x7F]
    try:
        "".join(wide).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return bool(wide)


def _decode_unmarked(data: bytes, path: str) -> tuple[str, str]:
    """Strict UTF-8, else GBK, else GB18030 — the first that decodes every byte (a UTF-8 reading
    that can only be GBK read by accident is taken as GBK)."""
    for encoding in ("utf-8", "gbk", "gb18030"):
        try:
            text = data.decode(encoding)
            if encoding == "utf-8" and _looks_like_gbk(text, data):
                return data.decode("gbk"), "gbk"
            return text, encoding
        except UnicodeDecodeError:
            continue
    raise InputError(path, "无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK）：请用记事本另存为 UTF-8")
