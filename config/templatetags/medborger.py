"""Template tags shared by every page: the language switcher and the menu."""

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from config.page_links import PAGE_LINKS

register = template.Library()


def _page_translation_urls(page: Page, request) -> dict[str, str]:
    """Language code -> URL of the page's live translations, as seen from the
    request's site (kept per process until the page tree changes:
    config/page_links.py)."""

    def compute():
        urls = {}
        for translation in (
            page.get_translations(inclusive=True).live().select_related("locale")
        ):
            url = translation.get_url(request)
            if url:
                urls[translation.locale.language_code] = url
        return urls

    site = Site.find_for_request(request)
    return PAGE_LINKS.memoised(
        "translation-urls", (page.pk, site.pk if site else None), compute
    )


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in every language, each named in its own language.

    On a Wagtail page, each link goes to that page's translation (with the
    same sub-route, e.g. withdraw/); elsewhere the URL's language prefix is
    swapped.
    """
    request = context["request"]
    page = context.get("page")
    current = get_language()
    urls: dict[str, str] = {}
    if isinstance(page, Page):
        base = page.get_url(request) or ""
        subpath = (
            request.path[len(base) :] if base and request.path.startswith(base) else ""
        )
        urls = {
            code: url + subpath
            for code, url in _page_translation_urls(page, request).items()
        }
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        href = urls.get(code) or translate_url(request.path, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "href": href,
                "current": code == current,
                "rtl": info["bidi"],
            }
        )
    return {"links": links, "current": get_language_info(current)["name_local"]}


@register.simple_tag
def localized_home_url():
    """The home page in the active language: always /<code>/ (SPEC §6), so no
    database lookup is needed on every page."""
    return reverse("wagtail_serve", args=[""])


@register.simple_tag(takes_context=True)
def site_name(context):
    """The request's Wagtail site's name. A Wagtail page has found its site
    already; elsewhere (council, association and account pages) the name is
    kept per process until a site changes (config/page_links.py), which spares
    every such page the site query."""
    request = context["request"]

    def compute():
        site = Site.find_for_request(request)
        return site.site_name if site and site.site_name else settings.WAGTAIL_SITE_NAME

    if hasattr(request, "_wagtail_site"):
        return compute()
    host = request._get_raw_host()  # as Site.find_for_request reads it
    return PAGE_LINKS.memoised("site-name", (host, request.get_port()), compute)
