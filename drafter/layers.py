"""The one way drafter finds data a team can layer: built-in < the user's folder (in the user data
folder) < team folders named in an environment variable (os.pathsep separated) < folders given on
the command line. The phrase bank, templates, export presets and rule files all use it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

BUILTIN, USER, TEAM, COMMAND_LINE = "内置", "用户", "团队", "命令行"


@dataclass(frozen=True)
class Layer:
    """One folder of layered data and what it is (内置, 用户, 团队, 命令行)."""

    kind: str
    path: Path


def user_data_folder(subdir: str) -> Path:
    """`subdir` in the user's data folder (platformdirs), whether or not it exists."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("drafter", appauthor=False)) / subdir


def standard_layers(builtin: Path, subdir: str, env_var: str, *, keep_missing_team: bool = False) -> list[Layer]:
    """standard_folders as Layers."""
    return [Layer(k, p) for k, p in standard_folders(builtin, subdir, env_var, keep_missing_team=keep_missing_team)]


def standard_folders(
    builtin: Path, subdir: str, env_var: str, *, keep_missing_team: bool = False
) -> list[tuple[str, Path]]:
    """(kind, folder) in layer order. A missing user folder is skipped; a missing team folder too,
    unless `keep_missing_team` (the phrase bank reports an unmounted shared drive)."""
    folders = [(BUILTIN, builtin)]
    user = user_data_folder(subdir)
    if user.is_dir():
        folders.append((USER, user))
    for part in os.environ.get(env_var, "").split(os.pathsep):
        part = part.strip()
        if part and (keep_missing_team or Path(part).is_dir()):
            folders.append((TEAM, Path(part)))
    return folders
