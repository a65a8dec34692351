"""drafter: write Chinese speeches and reports from templates and a phrase bank, check them, export them.

The package is a library first; the CLI (drafter.cli) and the TUI are thin layers over it.
Importing this module stays cheap: the CLI's start-up time is part of the spec.
"""

__version__ = "0.1.0"
