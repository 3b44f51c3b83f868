"""Admin panels for translated survey texts: one tab per language."""

from django.conf import settings
from django.utils.translation import get_language_info
from wagtail.admin.panels import FieldPanel, ObjectList


def language_tabs(fields: tuple[str, ...]) -> list[ObjectList]:
    """One tab per language holding that language's column of each field."""
    tabs = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        heading = f"{info['name_local']} ({code})"
        tabs.append(
            ObjectList([FieldPanel(f"{f}_{code}") for f in fields], heading=heading)
        )
    return tabs


def language_columns(field: str) -> list[FieldPanel]:
    """Every language's column of one field, for inline rows (choices, sections)."""
    return [FieldPanel(f"{field}_{code}") for code, _name in settings.LANGUAGES]
