"""drafter: write Chinese speeches and reports from templates and a phrase bank, check them, export them.

The package is a library first; the CLI (drafter.cli) and the TUI are thin layers over it.
Importing this module stays cheap: the CLI's start-up time is part of the spec.
"""

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    # Lazy, so that `import drafter` (and the CLI's start-up) never pays for the phrase bank.
    if name == "PhraseBank":
        from drafter.bank import PhraseBank

        return PhraseBank
    raise AttributeError(f"module 'drafter' has no attribute {name!r}")
