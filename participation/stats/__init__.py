"""Pure statistics and disclosure control: no Django, no Wagtail, nothing of
ours imported (docs/ARCHITECTURE.md).

- ``disclosure``: the one disclosure-control function every shown or written
  number passes (SPEC §4): thresholds, complementary suppression, rounding.
- ``aggregates``: shares, Wilson intervals, means, participation tables,
  pooling of small units.
- ``weighting``: raking to population margins.
- ``charts``: Chart.js specifications built from disclosed tables.
"""
