"""How large a Statistikbanken file may be, and how many problems with it
are kept: every reader checks these before building anything large."""

# A download of one municipality's FOLK1E for a year of quarters is about
# 2 MB and 25,000 figures; the limits leave room for every municipality and
# keep a hostile file from filling the memory of the server.
MAX_BYTES = 20 * 1024 * 1024
MAX_CELLS = 500_000
MAX_DIMENSIONS = 20
MAX_LABEL = 1_000
# At most this many problems are kept; the last one says how many more.
MAX_PROBLEMS = 100
