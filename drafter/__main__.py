"""Allows `python -m drafter`, which works even where the console script is not on PATH."""

from drafter.cli import main

raise SystemExit(main())
