"""A seeded mutator over real .docx and text bytes, shared by the fuzz test and bench_robust.py.

Byte-level mutations (flips, overwrites, truncation, duplication, insertion) break the zip and
the deflate streams; structure-aware ones (mutating document.xml and re-zipping) reach the XML
parser and the rules. The seed makes every failing case reproducible by its number."""

from __future__ import annotations

import functools
import io
import random
import zipfile

from hostile import real_docx

TEXT_SEED = (
    "关于2024年工作的讲话\n\n同志们：\n一、总体情况\n今天召开**会议，XX同志主持，某某单位参加。\n"
    "（一）主要成绩\n共有□□家企业，____个支部。\n二、下一步工作\n要坚持“两个确立”，做到“两个维护”。\n"
).encode()


@functools.cache
def seeds() -> list[tuple[str, bytes]]:
    return [
        (".docx", real_docx("今天召开**会议，XX同志主持，某某单位参加。")),
        (".txt", TEXT_SEED),
        (".txt", TEXT_SEED.decode("utf-8").encode("gb18030")),
        (".md", b"# \xe6\xa0\x87\xe9\xa2\x98\n\n**\xe5\x8a\xa0\xe7\xb2\x97** ** \n"),
    ]


_INTERESTING = [b"\x00", b"\xff", b"PK\x03\x04", b"PK\x05\x06", b"<w:p>", b"</w:p>", b"<w:tbl>", b"&", b"<!DOCTYPE",
                b"\x1b[2J", "\u202e".encode(), "\u200b".encode(), b"**", b"\r", b"\r\n", "∗".encode()]


def mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if not buf:
            buf.extend(rng.choice(_INTERESTING))
            continue
        op = rng.randrange(6)
        at = rng.randrange(len(buf))
        if op == 0:
            buf[at] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at] = rng.randrange(256)
        elif op == 2:
            del buf[at:]
        elif op == 3:
            end = min(len(buf), at + rng.randint(1, 64))
            buf[at:at] = buf[at:end] * rng.randint(1, 4)
        elif op == 4:
            buf[at:at] = rng.choice(_INTERESTING)
        else:
            end = min(len(buf), at + rng.randint(1, 32))
            del buf[at:end]
    return bytes(buf)


def mutate_docx_xml(rng: random.Random, data: bytes) -> bytes:
    """Mutate one XML part inside the package and zip it again (the zip itself stays valid)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in src.namelist() if n.endswith((".xml", ".rels"))]
    target = rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in src.namelist():
            body = src.read(name)
            if name == target:
                body = mutate_bytes(rng, body)
            z.writestr(name, body)
    return out.getvalue()


def case(seed: int) -> tuple[str, bytes]:
    """The fuzz case number `seed`: (suffix, bytes)."""
    rng = random.Random(seed)
    suffix, data = rng.choice(seeds())
    if suffix == ".docx" and rng.random() < 0.5:
        return suffix, mutate_docx_xml(rng, data)
    return suffix, mutate_bytes(rng, data)
