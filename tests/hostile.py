"""Building damaged and hostile .docx files in a few kilobytes, for the robustness tests and the
fuzz benchmark: real packages made with python-docx, then broken the way issue 17 found."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_HEAD = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
XML_TAIL = "</w:body></w:document>"


def real_docx(text: str = "今天召开**会议，XX同志主持。") -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("在会议上的讲话")
    d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def replace_part(data: bytes, name: str, content: bytes | None = None, *, stream_zeros: int = 0) -> bytes:
    """The package with one member replaced (or `stream_zeros` bytes of a repeated paragraph,
    written in pieces so that a bomb never sits in memory)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename != name:
                z.writestr(info.filename, src.read(info.filename))
        if stream_zeros:
            with z.open(name, "w", force_zip64=False) as fh:
                fh.write(XML_HEAD.encode())
                chunk = b"<w:p/>" * 100_000
                written = 0
                while written < stream_zeros:
                    fh.write(chunk)
                    written += len(chunk)
                fh.write(XML_TAIL.encode())
        else:
            z.writestr(name, content or b"")
    return out.getvalue()


def _members(data: bytes) -> list[tuple[int, int, str]]:
    """(local header offset, central header offset, name) of each member."""
    z = zipfile.ZipFile(io.BytesIO(data))
    eocd = data.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack("<I", data[eocd + 16 : eocd + 20])[0]
    result = []
    pos = cd_offset
    for info in z.infolist():
        assert data[pos : pos + 4] == b"PK\x01\x02"
        name_len, extra_len, comment_len = struct.unpack("<HHH", data[pos + 28 : pos + 34])
        result.append((info.header_offset, pos, info.filename))
        pos += 46 + name_len + extra_len + comment_len
    return result


def patch_member(
    data: bytes, name: str, *, flags: int | None = None, method: int | None = None, declared_size: int | None = None
) -> bytes:
    """Change what the local and central headers say about one member."""
    buf = bytearray(data)
    for local, central, member in _members(data):
        if member != name:
            continue
        if flags is not None:
            struct.pack_into("<H", buf, local + 6, flags)
            struct.pack_into("<H", buf, central + 8, flags)
        if method is not None:
            struct.pack_into("<H", buf, local + 8, method)
            struct.pack_into("<H", buf, central + 10, method)
        if declared_size is not None:
            struct.pack_into("<I", buf, local + 22, declared_size)
            struct.pack_into("<I", buf, central + 24, declared_size)
    return bytes(buf)


def corrupt_deflate(data: bytes, name: str = "word/document.xml") -> bytes:
    """The member's deflate stream replaced by bytes that are no deflate stream (invalid block type)."""
    buf = bytearray(data)
    for local, _central, member in _members(data):
        if member == name:
            name_len, extra_len = struct.unpack("<HH", data[local + 26 : local + 30])
            size = struct.unpack("<I", data[local + 18 : local + 22])[0]
            start = local + 30 + name_len + extra_len
            buf[start : start + size] = b"\xff" * size
    return bytes(buf)


def nested_tables(depth: int) -> bytes:
    inner = "<w:p><w:r><w:t>最里面的**</w:t></w:r></w:p>"
    xml = "<w:tbl><w:tr><w:tc>" * depth + inner + "</w:tc></w:tr></w:tbl>" * depth
    return (XML_HEAD + xml + XML_TAIL).encode()


def many_members(count: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        z.writestr("word/document.xml", (XML_HEAD + XML_TAIL).encode())
        for i in range(count):
            z.writestr(f"x/{i}", b"")
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
