"""The editor's panes, each a widget with its own styles that subscribes to what it shows:

- `outline.OutlinePane`: sections with 字数 and blanks (analysis).
- `draft_text.DraftText`: the text; whole-text edits as one undoable step.
- `phrases.PhrasePanel`: phrase-bank search and filters (bank ready).
- `findings.FindingsPane`: the findings list (analysis).
- `status.StatusBar`: counts, speaking time, saved or not (analysis, text changes).
- `choice.ChoiceBox`: a Select whose menu speaks Chinese.

A pane posts a message when the writer picks something in it (Jump, Insert); the screen acts."""

from drafter.tui.widgets.base import subscribe_analysis

__all__ = ["subscribe_analysis"]
