"""Pinyin keys are computed once and cached on disk, keyed by each file's content."""

from __future__ import annotations

from pathlib import Path

import pytest

import drafter.bank.phrasebank as phrasebank
from drafter.bank import PhraseBank
from drafter.bank.cache import cache_dir


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Record every batch of texts whose pinyin is computed (i.e. every cache miss)."""
    calls: list[list[str]] = []
    real = phrasebank.compute_keys

    def spy(texts: list[str]):
        calls.append(list(texts))
        return real(texts)

    monkeypatch.setattr(phrasebank, "compute_keys", spy)
    return calls


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    folder.mkdir()
    (folder / "a.yaml").write_text("entries:\n  - id: a.1\n    text: 银行网点安全检查\n", encoding="utf-8")
    (folder / "b.yaml").write_text("entries:\n  - id: b.1\n    text: 两个确立\n", encoding="utf-8")
    return folder


def test_second_load_computes_nothing(tmp_path: Path, counted) -> None:
    folder = _folder(tmp_path)
    PhraseBank.load(folder, standard=False)
    assert len(counted) == 2
    bank = PhraseBank.load(folder, standard=False)
    assert len(counted) == 2  # all from the cache
    assert bank.search("yinhang")[0].entry.id == "a.1"  # heteronym: 行 read hang in 银行
    assert any(cache_dir().glob("*.marshal"))


def test_changed_file_refreshes_only_its_own_entries(tmp_path: Path, counted) -> None:
    folder = _folder(tmp_path)
    PhraseBank.load(folder, standard=False)
    counted.clear()
    (folder / "b.yaml").write_text("entries:\n  - id: b.1\n    text: 两个维护\n", encoding="utf-8")
    bank = PhraseBank.load(folder, standard=False)
    assert counted == [["两个维护"]]
    assert bank.search("lgwh")[0].entry.id == "b.1"


def test_corrupt_cache_is_rebuilt_silently(tmp_path: Path, counted) -> None:
    folder = _folder(tmp_path)
    PhraseBank.load(folder, standard=False)
    for slot in cache_dir().glob("*.marshal"):
        slot.write_bytes(b"\x00garbage")
    counted.clear()
    bank = PhraseBank.load(folder, standard=False)
    assert len(counted) == 2 and len(bank) == 2
    assert PhraseBank.load(folder, standard=False).get("b.1").text == "两个确立"


def test_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(blocker / "sub"))
    assert len(PhraseBank.load(_folder(tmp_path), standard=False)) == 2


def test_problems_are_cached_too(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "c.yaml").write_text("entries:\n  - id: c\n    txt: 错\n", encoding="utf-8")
    first = PhraseBank.load(folder, standard=False, strict=False).problems
    second = PhraseBank.load(folder, standard=False, strict=False).problems
    assert [str(p) for p in first] == [str(p) for p in second] and len(first) == 1


def test_loading_without_search_skips_pinyin_and_search_still_works(tmp_path: Path, counted) -> None:
    folder = _folder(tmp_path)
    bank = PhraseBank.load(folder, standard=False, search=False)
    assert counted == []  # no pinyin computed (the checker's way of reading the bank)
    assert bank.search("lgql")[0].entry.id == "b.1"  # keys computed on first search
    again = PhraseBank.load(folder, standard=False)  # the cache had no keys: now computed and stored
    assert again.search("yinhang")[0].entry.id == "a.1"
    counted.clear()
    PhraseBank.load(folder, standard=False)
    assert counted == []


def test_two_installs_keep_their_derived_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two venvs (each with its own jieba) once shared one slot per table and took turns
    overwriting it, so every run of either rebuilt its word lists."""
    from drafter.datacache import cached

    monkeypatch.setenv("DRAFTER_CACHE_DIR", str(tmp_path / "cache"))
    built: list[str] = []

    def build(name: str):  # type: ignore[no-untyped-def]
        def run() -> str:
            built.append(name)
            return name

        return run

    first, second = "/venv-a/jieba/dict.txt|1|2", "/venv-b/jieba/dict.txt|1|2"
    assert cached("lexicon", first, build("a")) == "a"
    assert cached("lexicon", second, build("b")) == "b"
    assert cached("lexicon", first, build("a again")) == "a"
    assert cached("lexicon", second, build("b again")) == "b"
    assert built == ["a", "b"]
    # The same install with its file changed (another size or time in the key) is rebuilt.
    assert cached("lexicon", "/venv-a/jieba/dict.txt|1|3", build("a changed")) == "a changed"
