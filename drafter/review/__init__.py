"""Review inside Word: findings written back into a .docx as comments and tracked changes."""
