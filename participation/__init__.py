"""Participation: associations and boards by background, and the anonymised
results the council reads (SPEC §3), in four packages:

- ``associations``: associations, public boards, representatives, composition
  reports and activities;
- ``council``: strategy, goals and indicators, population, the catalogue of
  disclosed tables, the council's pages, exports and API, coding of open
  answers, published results;
- ``governance``: retention, the data protection report, archived tables, the
  backup drill's checksum;
- ``stats``: pure statistics and disclosure control (no Django).

Dependencies point one way: council → associations → surveys; governance may
read council and surveys; stats imports nothing of ours. Every model keeps the
app label "participation" and its table (docs/ARCHITECTURE.md).
"""
