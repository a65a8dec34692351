"""The unit's own archive of past speeches and reports: add folders, search, compare a draft.

Library entry points (the CLI and the editor call these, nothing else):
- `open_archive()` → `Archive`: `.add(paths)`, `.search(query, …)`, `.similar(text)`,
  `.closest(paragraph)` (the past passages most like the paragraph under the cursor);
- `mask_facts(text)`: a past passage with its figures, dates and names turned into `**`, for
  inserting it into a new draft;
- `EditorArchive` (drafter.archive.editor): the three above, opened lazily and safe to call from
  the editor's worker threads.
"""

from __future__ import annotations

from drafter.archive.locate import open_archive
from drafter.archive.masking import mask_facts
from drafter.archive.model import AddReport, ArchiveHit, SourceRef
from drafter.archive.store import Archive

__all__ = ["AddReport", "Archive", "ArchiveHit", "SourceRef", "mask_facts", "open_archive"]
