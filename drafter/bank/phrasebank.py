"""Loading the phrase bank's layers: built-in < user < team (DRAFTER_BANK_PATH) < --bank folders.

A later layer replaces an entry with the same id, or hides it with `disabled: true`, so a team
can correct or retire a built-in entry without forking the bank.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

from drafter.bank import cache
from drafter.bank.keys import PinyinKeys, compute_keys
from drafter.bank.loader import RawEntry, parse_bank_text
from drafter.bank.model import Entry, SearchHit
from drafter.errors import DataFileError, os_reason
from drafter.fileio import read_data_file
from drafter.layers import Layer, user_data_folder
from drafter.layers import standard_layers as layered
from drafter.resources import phrasebank_dir

ENV_PATH = "DRAFTER_BANK_PATH"
BANK_SUFFIXES = (".yaml", ".yml")


def user_bank_dir() -> Path:
    return user_data_folder("phrasebank")


def standard_layers() -> list[Layer]:
    """Built-in, the user's own folder (if it exists), then the team folders of DRAFTER_BANK_PATH."""
    return layered(phrasebank_dir(), "phrasebank", ENV_PATH, keep_missing_team=True)


def bank_files(folder: Path) -> list[Path]:
    """The YAML files of a bank folder, in a stable order (sub-folders included)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix.lower() in BANK_SUFFIXES
        and p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _display(path: Path, layer: Layer) -> str:
    if layer.kind == "内置" and layer.path.is_dir():
        return f"phrasebank/{path.relative_to(layer.path).as_posix()}"
    return str(path)


def load_file(
    path: Path, display: str, use_cache: bool = True, need_keys: bool = True
) -> tuple[list[RawEntry], list[PinyinKeys | None], list[DataFileError]]:
    """One file's entries, pinyin keys and problems, from the cache when the bytes are unchanged.

    need_keys=False (the checker, which reads formulations only) never imports pypinyin: a file
    parsed that way is cached without keys, and the first search computes and adds them."""
    try:
        data = read_data_file(path)
    except OSError as exc:
        return [], [], [DataFileError(display, f"无法读取（{os_reason(exc)}）")]
    content = cache.digest(data)
    payload = cache.read(path, content) if use_cache else None
    raws: list[RawEntry] | None = None
    if payload is not None:
        try:
            cached_raws, key_tuples, problem_tuples = payload
            problems = [DataFileError(display, reason, line) for reason, line in problem_tuples]
            raws = list(cached_raws)
            if key_tuples is not None or not need_keys:
                make = PinyinKeys._make
                keys = [make(k) if k is not None else None for k in key_tuples or [None] * len(raws)]
                return raws, keys, problems
        except (TypeError, ValueError):
            raws = None  # a cache of another shape: rebuild below
    if raws is None:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return [], [], [DataFileError(display, "不是 UTF-8 编码：词库文件请保存为 UTF-8")]
        raws, problems = parse_bank_text(text, display)
    keys: list[PinyinKeys | None] = [None] * len(raws)
    if need_keys:
        live = [i for i, raw in enumerate(raws) if not raw[13]]
        computed = compute_keys([raws[i][1] for i in live]) if live else []
        for i, k in zip(live, computed, strict=True):
            keys[i] = k
    if use_cache:
        stored_keys = [tuple(k) if k is not None else None for k in keys] if need_keys else None
        cache.write(path, content, (raws, stored_keys, [(p.reason, p.line) for p in problems]))
    return raws, keys, problems


Merged = dict[str, tuple[RawEntry, PinyinKeys | None, str]]


def _read_layers(
    layers: list[Layer], use_cache: bool, notices: list[str] | None = None, need_keys: bool = True
) -> tuple[Merged, list[DataFileError], int, int]:
    """Read every layer in order; returns merged entries, problems, files and entries read.
    Things worth telling the writer that are not errors go to `notices`."""
    notices = [] if notices is None else notices
    merged: Merged = {}
    problems: list[DataFileError] = []
    files = count = 0
    for layer in layers:
        paths = _layer_files(layer, problems, notices)
        seen: dict[str, tuple[str, int]] = {}
        for path in paths:
            display = _display(path, layer)
            raws, keys, file_problems = load_file(path, display, use_cache, need_keys)
            files += 1
            count += len(raws)
            problems.extend(file_problems)
            for raw, key in zip(raws, keys, strict=True):
                entry_id = raw[0]
                if entry_id in seen:
                    first, first_line = seen[entry_id]
                    problems.append(
                        DataFileError(display, f"条目 '{entry_id}'：编号与 {first}:{first_line} 重复", raw[-1])
                    )
                    continue
                seen[entry_id] = (display, raw[-1])
                if raw[13]:  # disabled: hides the entry of an earlier layer
                    merged.pop(entry_id, None)
                else:
                    merged[entry_id] = (raw, key, display)
    return merged, problems, files, count


def _layer_files(layer: Layer, problems: list[DataFileError], notices: list[str]) -> list[Path]:
    if layer.path.is_file() and layer.path.suffix.lower() in BANK_SUFFIXES:
        return [layer.path]
    if not layer.path.is_dir():
        if layer.kind == "团队":
            # A team folder on a shared drive that is not mounted today: say so, use the rest.
            notices.append(f"{layer.path}: 团队词库文件夹不存在（DRAFTER_BANK_PATH），已跳过")
        else:
            problems.append(DataFileError(str(layer.path), f"词库文件夹不存在（{layer.kind}层）"))
        return []
    return bank_files(layer.path)


def lint_layers(layers: list[Layer]) -> tuple[list[DataFileError], int, int]:
    """Every problem of these layers (no cache: lint reads what is on disk), files and entries."""
    _, problems, files, count = _read_layers(layers, use_cache=False)
    return problems, files, count


class PhraseBank:
    """The merged bank: entries in order (built-in first), their pinyin keys, and the problems
    found while loading (only filled when loaded with strict=False)."""

    def __init__(
        self,
        entries: list[Entry],
        keys: list[PinyinKeys],
        layers: list[Layer] | None = None,
        problems: list[DataFileError] | None = None,
    ) -> None:
        self.entries = entries
        self.keys = keys
        self.layers = layers or []
        self.problems = problems or []
        self.notices: list[str] = []  # not errors, but worth telling (an unmounted team folder)
        self.keyed = True  # False when loaded with search=False: keys are computed on first search
        self._by_id = {e.id: i for i, e in enumerate(entries)}
        self._index = None

    @classmethod
    def load(
        cls,
        *dirs: str | os.PathLike[str],
        standard: bool = True,
        strict: bool = True,
        use_cache: bool = True,
        search: bool = True,
    ) -> PhraseBank:
        """Load the standard layers (unless standard=False) and then `dirs`, later overriding.

        strict=True raises DataFileError at the first problem (the CLI's behaviour);
        strict=False records problems in `bank.problems` and loads everything else (the TUI's).
        search=False skips the pinyin keys (for readers of entries that never search).
        """
        layers = standard_layers() if standard else []
        layers += [Layer("命令行", Path(d)) for d in dirs]
        notices: list[str] = []
        gc_was_enabled = gc.isenabled()
        gc.disable()  # tens of thousands of small tuples: collection passes would only slow this
        try:
            merged, problems, _, _ = _read_layers(layers, use_cache, notices, need_keys=search)
        finally:
            if gc_was_enabled:
                gc.enable()
        if strict and problems:
            raise problems[0]
        # Entry's first thirteen fields are the raw tuple's, in order (see loader.RAW_FIELDS);
        # then disabled (not kept), severity and the line.
        entries = [Entry(*raw[:13], display, raw[-1], raw[14]) for raw, _, display in merged.values()]
        empty = PinyinKeys("", "", b"")
        keys_out = [key or empty for _, key, _ in merged.values()]
        bank = cls(entries, keys_out, layers, problems)
        bank.notices = notices
        bank.keyed = search
        return bank

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        index = self._by_id.get(entry_id)
        return None if index is None else self.entries[index]

    def categories(self) -> list[str]:
        """Categories in bank order."""
        return list(dict.fromkeys(e.category for e in self.entries))

    def filter(
        self,
        category: str | None = None,
        tags: list[str] | None = None,
        role: str | None = None,
        genre: str | None = None,
    ) -> list[Entry]:
        """Entries passing all given filters, in bank order."""
        from drafter.bank.search import make_filter

        accept = make_filter(self.entries, category, tags, role, genre)
        return [e for i, e in enumerate(self.entries) if accept is None or accept(i)]

    @property
    def search_ready(self) -> bool:
        """Whether the search index is built (searching before it builds it first)."""
        return self._index is not None

    def prepare_search(self) -> None:
        """Build the search index now (the TUI does it in a worker, before the first keystroke)."""
        if self._index is None:
            import pypinyin  # noqa: F401  - Hanzi queries need it; pay the import here, not on a keystroke

            from drafter.bank.search import SearchIndex

            if not self.keyed:
                self.keys = compute_keys([e.text for e in self.entries])
                self.keyed = True
            self._index = SearchIndex(self.entries, self.keys)

    def search(
        self,
        query: str,
        limit: int = 20,
        category: str | None = None,
        tags: list[str] | None = None,
        role: str | None = None,
        genre: str | None = None,
    ) -> list[SearchHit]:
        """Ranked hits for a Hanzi, pinyin, initials or mixed query; tolerant of a wrong character.

        Scores: exact 100; text substring 90–99; full pinyin 70–79; initials 60–69; fuzzy (a wrong character) ≤ 50.
        """
        self.prepare_search()
        assert self._index is not None
        return self._index.search(query, limit, category, tags, role, genre)
