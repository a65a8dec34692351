"""Exporting a draft: Word in the official format (GB/T 9704 or a house style), txt, md."""
