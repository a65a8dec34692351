"""Errors that reach the writer as one line of Chinese, never as a traceback.

Every error the CLI turns into exit status 2 derives from DrafterError; its str() is the whole
message, already naming the file (and line, for data files) it concerns.
"""

from __future__ import annotations


class DrafterError(Exception):
    """A problem the writer can fix: bad input, bad data file, bad option."""


class InputError(DrafterError):
    """A document that cannot be read (missing, binary, corrupt, legacy format)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataFileError(DrafterError):
    """A data file (rules, config, phrase bank, preset) that is malformed."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


def shown(value: object, limit: int = 30) -> str:
    """A value as a message may quote it: a short prefix, control and bidi characters replaced.

    Messages quote what the writer typed so they can find it, but a bad value may be a megabyte
    string, a deeply nested structure or hold terminal escapes; none of that reaches the screen.
    """
    if isinstance(value, str):
        text = value
    elif isinstance(value, (int, float, bool)) or value is None:
        text = repr(value)
    elif isinstance(value, (list, tuple)):
        text = f"（含 {len(value)} 项的列表）"
    elif isinstance(value, dict):
        text = f"（含 {len(value)} 个键的映射）"
    else:
        text = f"（{type(value).__name__}）"
    cut = text[: limit + 1]
    clean = "".join(ch if ch.isprintable() and not _is_bidi(ch) else "?" for ch in cut[:limit])
    return clean + ("…" if len(text) > limit else "")


def _is_bidi(ch: str) -> bool:
    return "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" or ch in "\u200e\u200f\u061c"


# What the system's own (English, or on Windows localised) error texts mean, in the writer's words.
_ERRNO_TEXT = {
    "ENOENT": "文件或文件夹不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限（操作不被允许）",
    "EISDIR": "这是文件夹，不是文件",
    "ENOTDIR": "路径中有一段不是文件夹",
    "ENOSPC": "磁盘已满",
    "EDQUOT": "超出磁盘配额",
    "EROFS": "所在磁盘是只读的",
    "EEXIST": "已存在同名文件",
    "EBUSY": "文件正被占用",
    "ETXTBSY": "文件正被占用",
    "ENAMETOOLONG": "文件名或路径过长",
    "ELOOP": "符号链接层数过多（可能是循环链接）",
    "EMFILE": "同时打开的文件过多",
    "ENFILE": "同时打开的文件过多",
    "EIO": "读写出错（磁盘或网络故障）",
    "EXDEV": "不能跨磁盘移动",
    "EFBIG": "文件过大",
    "EINVAL": "参数无效",
    "ENXIO": "设备不存在或未就绪",
    "ENODEV": "设备不存在",
    "ENOTEMPTY": "文件夹不是空的",
    "ETIMEDOUT": "操作超时",
    "EAGAIN": "资源暂时不可用，请稍后再试",
    "EINTR": "操作被中断",
    "ENOMEM": "内存不足",
    "ENOEXEC": "不是可执行的程序",
    "ESTALE": "网络文件已失效，请重新打开",
    "EHOSTDOWN": "网络主机不可达",
    "ENETDOWN": "网络不可用",
    "ECONNREFUSED": "连接被拒绝",
    "ENOTSUP": "不支持这个操作",
    "EOPNOTSUPP": "不支持这个操作",
}
# Windows: another program (Word, WPS, a virus scanner) holds the file open.
_WINERROR_TEXT = {32: "文件正被其他程序（如 Word 或 WPS）占用，请先关闭", 33: "文件的一部分被其他程序锁定，请先关闭"}


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in Chinese, for a one-line message.

    Python's `strerror` is the C library's English text (`No such file or directory`), which a
    writer should not have to read. drafter's own OSErrors already carry a Chinese reason; those
    are kept. An errno not in the table is named by its symbol so that support can look it up."""
    import errno as errno_mod

    text = exc.strerror or ""
    if text and not text.isascii():  # already in Chinese (drafter's own, or a Chinese Windows)
        return text
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINERROR_TEXT:
        return _WINERROR_TEXT[winerror]
    code = errno_mod.errorcode.get(exc.errno or -1)
    if code in _ERRNO_TEXT:
        return _ERRNO_TEXT[code]
    if code:
        return f"系统错误 {code}"
    return "系统错误"


def os_message(exc: OSError) -> str:
    """An OSError nobody caught closer to the file, as one Chinese line naming the file."""
    import os

    name = exc.filename
    where = f"{os.fsdecode(name)}: " if isinstance(name, (str, bytes)) else ""
    return f"{where}操作失败（{os_reason(exc)}）"
