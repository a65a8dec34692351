"""The drafting TUI (Textual): a view on drafter's library, adding no second copy of it."""
