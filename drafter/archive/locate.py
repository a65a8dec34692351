"""Which archive drafter opens: `--archive` on the command line, else DRAFTER_ARCHIVE, else
`[archive] url` in drafter.toml (a team's file on its share, or its PostgreSQL server), else the
user's own SQLite file in the user data folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from drafter.archive.store import Archive
from drafter.errors import DataFileError, DrafterError

ENV = "DRAFTER_ARCHIVE"
_SCHEMES = ("postgresql://", "postgres://")
_KEYS = {"url", "readonly", "_source"}


def default_path() -> Path:
    """The user's own archive: `archive/archive.sqlite` in the user data folder."""
    from drafter.layers import user_data_folder

    return user_data_folder("archive") / "archive.sqlite"


def resolve(location: str | None = None, config: Any = None) -> tuple[str, bool, str]:
    """(location, read-only, where it was named) of the archive to open."""
    if location:
        return location, False, "命令行"
    if os.environ.get(ENV):
        return os.environ[ENV], False, ENV
    settings = dict(getattr(config, "archive", None) or {})
    if settings:
        source = str(settings.get("_source", "drafter.toml"))
        unknown = set(settings) - _KEYS
        if unknown:
            raise DataFileError(source, f"未知的配置项 'archive.{sorted(unknown)[0]}'（可用：url、readonly）")
        url = settings.get("url")
        readonly = settings.get("readonly", False)
        if not isinstance(url, str) or not url.strip():
            raise DataFileError(source, "'archive.url' 应是资料库文件的路径或 postgresql://… 地址")
        if not isinstance(readonly, bool):
            raise DataFileError(source, "'archive.readonly' 应是 true 或 false")
        if not url.startswith(_SCHEMES) and not Path(url).is_absolute():
            url = str(Path(source).parent / url)  # relative to the drafter.toml that names it
        return url, readonly, source
    return str(default_path()), False, "默认"


def open_archive(
    location: str | None = None, *, config: Any = None, readonly: bool | None = None, create: bool = True
) -> Archive:
    """Open (creating a SQLite file if needed and allowed) the archive drafter is pointed at."""
    where, config_readonly, _named = resolve(location, config)
    ro = config_readonly if readonly is None else readonly
    if where.startswith(_SCHEMES):
        from drafter.archive.postgres_backend import PostgresBackend

        return Archive(PostgresBackend(where, readonly=ro, create=create))
    from drafter.archive.sqlite_backend import SQLiteBackend

    path = Path(where)
    if path.is_dir():
        raise DrafterError(f"{path}: 这是一个文件夹；资料库应是一个文件，如 {path / 'archive.sqlite'}")
    return Archive(SQLiteBackend(path, readonly=ro, create=create))
