"""Wagtail content pages (home, about) and, later, the public results pages."""
