"""The phrase bank: layered YAML files of formulations and sentences, and their search.

`drafter.PhraseBank.load()` reads the built-in bank, the user's, the team's (DRAFTER_BANK_PATH)
and any folders given; `bank.search("lgql")` finds 两个确立 by Hanzi, pinyin, initials or a typo.
"""

from drafter.bank.model import ROLES, Entry, SearchHit
from drafter.bank.phrasebank import PhraseBank

__all__ = ["ROLES", "Entry", "PhraseBank", "SearchHit"]
