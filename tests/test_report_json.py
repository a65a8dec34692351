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
