"""The one table of what a writer can do in the editor and with which key.

Key bindings, the footer, the command palette, the list of remappable binding ids in `drafter edit
--help` and the keys table of the README are all generated from ACTIONS, so a new action added
here is everywhere at once. No Textual import at module level: the CLI's help reads this table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.binding import Binding

APP, START, NEW, EDITOR = "app", "start", "new", "editor"
SCOPE_NAMES = {APP: "任何界面", START: "开始界面", NEW: "新建文稿", EDITOR: "编辑界面"}

# Binding ids a config file may still use from earlier versions, and what they are now.
ALIASES = {"toggle_findings": "focus_findings"}


@dataclass(frozen=True)
class Action:
    id: str  # the binding id a writer remaps in [tui.keys]
    key: str  # the default key (Textual's key names)
    action: str  # the Textual action run
    label: str  # short, for the footer
    help: str  # one line, for the palette, --help and the README
    scope: str = EDITOR
    footer: bool = True  # shown in the footer (the rest are in the palette)
    priority: bool = True  # wins over the focused widget's own use of the key
    palette: bool = True


ACTIONS: tuple[Action, ...] = (
    # Not priority: a priority binding runs as the app receives the key, before the text area has
    # taken the characters typed just before it, so 长江 F3 12 typed at once put 长江 into the next
    # blank. The text area runs these itself, in its own key order (widgets/draft_text.py).
    Action("next_blank", "f3", "next_blank", "下一空", "选中下一处待填的占位符（接着打字即替换）", priority=False),
    Action("prev_blank", "shift+f3", "prev_blank", "上一空", "选中上一处待填的占位符", footer=False, priority=False),
    Action("find_phrase", "ctrl+f", "find_phrase", "查词条", "在词库中查找（↑↓ 选择，回车插入到光标处）"),
    Action("apply_suggestion", "f4", "apply_suggestion", "采纳", "采纳光标处（或问题列表中选中的）问题的改正建议"),
    Action("focus_findings", "f6", "focus_findings", "问题", "到问题列表（回车跳到问题处并选中，接着打字即替换）"),
    Action("focus_outline", "f7", "focus_outline", "结构", "到结构列表（回车跳到那一部分）"),
    Action("focus_editor", "escape", "focus_editor", "正文", "回到正文", footer=False, priority=False),
    Action("move_up", "alt+up", "move_section(-1)", "上移", "把光标所在部分上移，标题序号随即重排", footer=False),
    Action("move_down", "alt+down", "move_section(1)", "下移", "把光标所在部分下移，标题序号随即重排", footer=False),
    Action("add_section", "ctrl+n", "add_section", "加一部分", "从文种结构中添加一部分", footer=False),
    Action("delete_section", "f8", "delete_section", "删除部分", "删除光标所在部分（可撤销）", footer=False),
    Action("renumber", "ctrl+r", "renumber", "重排序号", "按顺序重排各级标题序号（可撤销）", footer=False),
    Action("undo", "ctrl+z", "undo", "撤销", "撤销上一步修改（结构调整也是一步）", footer=False, priority=False),
    Action("save", "ctrl+s", "save", "保存", "保存文稿（原子写入，旧版本留作 .bak）"),
    Action("export", "ctrl+e", "export", "导出", "导出为 Word（预设、路径；有占位符时拒绝或标黄）"),
    Action("external_editor", "f2", "external_editor", "外部编辑", "在 $EDITOR 中编辑光标所在部分", footer=False),
    Action("new", "n", "new", "新建", "从模板新建文稿", scope=START, priority=False),
    Action("open", "o", "open", "打开", "打开文稿（.txt、.md，或导入 .docx）", scope=START, priority=False),
    Action("create", "ctrl+s", "create", "生成", "按填写的内容生成文稿并打开", scope=NEW),
    Action("back", "escape", "back", "返回", "返回（有填写的内容时先问）", scope=NEW, priority=False),
    Action(
        "command_palette",
        "ctrl+p",
        "command_palette",
        "命令",
        "命令面板：命令、文种、文稿各部分、词条",
        scope=APP,
        footer=False,
        palette=False,
    ),
    Action("toggle_theme", "ctrl+t", "toggle_theme", "明暗", "切换明暗主题", scope=APP, footer=False),
    Action("quit", "ctrl+q", "quit_app", "退出", "退出（有未保存的修改时先问）", scope=APP),
)


def actions_of(scope: str) -> list[Action]:
    return [a for a in ACTIONS if a.scope == scope]


def bindings(scope: str) -> list[Binding]:
    """Textual bindings of a screen (or the app), each with its id so the keymap can remap it."""
    from textual.binding import Binding

    return [
        Binding(a.key, a.action, a.label, id=a.id, show=a.footer, priority=a.priority, tooltip=a.help)
        for a in actions_of(scope)
    ]


def remappable_ids() -> list[str]:
    return [a.id for a in ACTIONS]


def normalise_keymap(keymap: dict[str, str]) -> dict[str, str]:
    """A config's [tui.keys] with earlier ids mapped to today's."""
    return {ALIASES.get(k, k): v for k, v in keymap.items()}


def key_display(key: str) -> str:
    """`ctrl+shift+f3` → `Ctrl+Shift+F3`, as the README and --help write keys."""
    names = {"escape": "Esc", "up": "↑", "down": "↓", "left": "←", "right": "→", "enter": "Enter"}
    parts = []
    for part in key.split(","):
        pieces = [
            names.get(p, p.upper() if len(p) <= 3 and p.startswith("f") else p.capitalize()) for p in part.split("+")
        ]
        parts.append("+".join(pieces))
    return " / ".join(parts)


def keys_help() -> str:
    """The binding ids, keys and what they do, for `drafter edit --help`."""
    lines = ['按键（可在配置文件的 [tui.keys] 中改，如 next_blank = "f9"）：']
    for scope in (EDITOR, START, NEW, APP):
        lines.append(f"  {SCOPE_NAMES[scope]}：")
        for a in actions_of(scope):
            lines.append(f"    {a.id:<17} {key_display(a.key):<10} {a.help}")
    return "\n".join(lines)


def keys_markdown() -> str:
    """The README's keys table (a test keeps the README equal to it)."""
    rows = ["| binding id | key | action |", "|---|---|---|"]
    for scope in (EDITOR, START, NEW, APP):
        for a in actions_of(scope):
            rows.append(f"| `{a.id}` | {key_display(a.key)} | {a.help} |")
    return "\n".join(rows)
