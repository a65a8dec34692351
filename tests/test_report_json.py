"""The JSON report: the documented shape byte for byte, written in a few large chunks (so that an
unbuffered stdout costs nothing more), and one valid document when added to file by file."""

from __future__ import annotations

import io
import json

from drafter.checks import build_engine
from drafter.document import Document
from drafter.report import JsonWriter, write_json


class CountingStream(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.writes = 0

    def write(self, s: str) -> int:
        self.writes += 1
        return super().write(s)


def findings(text: str):
    return build_engine().check(Document('d"i\\r/稿.txt', "text", text))


def test_same_document_as_the_standard_encoder() -> None:
    got = findings("今天**会议，\t“抗在肩上”\\ 二0二四年\n下面我讲三点意见：\n一要甲。\n")
    assert len(got) >= 4
    stream = io.StringIO()
    write_json(got, stream)
    assert stream.getvalue() == json.dumps([f.to_json() for f in got], ensure_ascii=False, indent=2) + "\n"
    empty = io.StringIO()
    write_json([], empty)
    assert empty.getvalue() == "[]\n"


def test_many_findings_in_few_writes_and_streamed_per_file() -> None:
    many = findings("活动**次，**家企业。\n" * 20000)
    assert len(many) == 40000
    stream = CountingStream()
    writer = JsonWriter(stream)
    writer.add(many[:15000])
    writer.add(many[15000:])
    writer.close()
    assert stream.writes <= 10
    assert json.loads(stream.getvalue()) == [f.to_json() for f in many]


def test_the_one_format_encoder_writes_what_to_json_gives_for_every_corpus_finding() -> None:
    from pathlib import Path

    from drafter.checks.corpus import strip_marks
    from drafter.checks.model import Finding, Severity

    writer = JsonWriter(io.StringIO())
    engine = build_engine()
    root = Path(__file__).parent / "corpus"
    seen = 0
    for path in sorted(root.rglob("*.txt")):
        text = strip_marks(path.read_text(encoding="utf-8"))[0]
        for f in engine.check(Document(str(path), "text", text)):
            assert writer.encode(f) == writer.encode_generic(f)
            seen += 1
    odd = Finding('a"\\\x01\u2028.txt', 3, 7, "x.y", Severity.INFO, "\t“”", "\n", None)
    assert writer.encode(odd) == writer.encode_generic(odd)
    assert json.loads(writer.encode(odd)) == odd.to_json()
    assert seen > 300
