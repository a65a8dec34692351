"""The phrase bank, loaded once per front end: strictly for the command line (a bad file is the
error), leniently for the editor (a bad file is a note and the rest loads)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from drafter.bank import PhraseBank
from drafter.errors import DrafterError

__all__ = ["LoadedBank", "PhraseBank", "lint_bank", "load_bank", "user_bank_folder"]

PROBLEMS_SHOWN = 5


@dataclass
class LoadedBank:
    bank: PhraseBank | None
    notes: list[str] = field(default_factory=list)


def load_bank(*dirs: str | os.PathLike[str], lenient: bool = False) -> LoadedBank:
    """The layered bank and what a writer should be told about it (skipped files, missing team
    folder). Strict raises the first DataFileError; lenient never raises."""
    if not lenient:
        bank = PhraseBank.load(*dirs)
        return LoadedBank(bank, list(bank.notices))
    try:
        bank = PhraseBank.load(*dirs, strict=False)
    except DrafterError as exc:
        return LoadedBank(None, [f"词库无法加载：{exc}"])
    notes = [f"词库问题（已跳过）：{p}" for p in bank.problems[:PROBLEMS_SHOWN]]
    return LoadedBank(bank, notes + list(bank.notices))


def lint_bank(dirs: list[str]) -> tuple[list[DrafterError], int, int]:
    """(problems, files, entries) of the standard layers, or of `dirs` alone."""
    from drafter.bank.phrasebank import Layer, lint_layers, standard_layers

    layers = [Layer("命令行", Path(d)) for d in dirs] if dirs else standard_layers()
    return lint_layers(layers)


def user_bank_folder() -> Path:
    from drafter.bank.phrasebank import user_bank_dir

    return user_bank_dir()
