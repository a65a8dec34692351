"""Working inside a Word file: fill blanks, apply sure fixes, edit paragraphs, keeping every other
byte of its formatting (headers, styles, numbering, images, people's comments and revisions)."""

from drafter.docxedit.inplace import EditResult, blanks, fill_docx, fix_docx

__all__ = ["EditResult", "blanks", "fill_docx", "fix_docx"]
