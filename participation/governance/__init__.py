"""Governance: retention of answers and free text, the data protection report,
archived tables, the backup drill's checksum, and the neutralising of
Wagtail's own spreadsheet exports (docs/ARCHITECTURE.md)."""
