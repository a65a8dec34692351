"""Whatever text a writer pastes in, check returns findings and never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks import build_engine
from drafter.document import Document
from drafter.textio import decode_text

ENGINE = build_engine()
INTERESTING = st.sampled_from([*"*＊Xx×某〇○□_＿{}%【】[]请待\n\r\t 二年", "**", "{{", "}}", "{%", "%}"])
TEXT = st.lists(st.one_of(st.text(max_size=5), INTERESTING), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT, st.sampled_from(["text", "markdown", "docx"]))
def test_check_never_raises_and_spans_are_exact(text: str, fmt: str) -> None:
    doc = Document(path="t", format=fmt, text=text)
    for f in ENGINE.check(doc):
        line = doc.line_text(f.line)
        assert line[f.column - 1 :].startswith(f.text)
        assert f.text


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_never_raises_anything_unexpected(data: bytes) -> None:
    from drafter.errors import InputError

    try:
        text, _ = decode_text(data, "x.txt")
    except InputError:
        return
    ENGINE.check(Document(path="x.txt", format="text", text=text))
