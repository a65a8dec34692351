"""The actions a writer takes, once: check, export, new from a template, open, save.

Both front ends (the `drafter` command in `drafter/cli/` and the editor in `drafter/tui/`) call
these functions and nothing below them, so the two can never disagree (a team's blank form refuses
an export from either). A front end turns what a service returns, or the DrafterError it raises,
into its own words on its own screen; it never builds a rule engine, loads the phrase bank or
renders a template itself (tests/test_architecture.py holds that line).

- `checking`: the user's and team's configuration, the one rule engine, sure fixes.
- `bank`: the phrase bank, leniently or strictly.
- `templates`: the template catalogue (one policy for a broken folder) and new drafts.
- `exporting`: a draft to Word (or txt/md), refused or highlighted when blanks remain.
- `drafts`: opening a draft or importing a .docx, and saving.
"""
