"""The survey instrument, survey pages, responses and the origin category."""
