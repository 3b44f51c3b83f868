"""The council's insights: strategy → goals → indicators, population tables,
the catalogue of disclosed tables (tables.py) prepared in the background
(prepared.py), the council's pages, exports and API, the coding of open
answers and the published results (docs/ARCHITECTURE.md)."""
