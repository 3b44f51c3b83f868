"""The language switcher's links to a page's translations, kept per process
(config/memo.py) until any page, site or locale changes.

Every public page shows the switcher, and working out the nine links costs a
query and nine URL computations (about 6 ms of a survey post on the
benchmark machine). A link depends only on the page tree: which translations
exist and are live, their slugs and places, and the sites' hostnames. Any
save or delete of a page (publishing, unpublishing, a slug change and a
draft all save the page), a move, or a change to a site or locale bumps the
revision in the shared cache, so every web process recomputes at its next
request and no link ever points at an unpublished page.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, Site, get_page_models
from wagtail.signals import post_page_move

from config.memo import Memo

PAGE_LINKS = Memo("medborger:pages:revision", "PAGE_LINKS_MEMO_SECONDS", 3600)


def page_tree_changed(sender, **kwargs):
    PAGE_LINKS.bump()


def connect() -> None:
    # Each page class by name: post_save is sent for a page's own class
    # (SurveyPage...), not for Page. A receiver without a sender would also
    # make Django fetch every answer row a bulk delete removes, to send it
    # the signal (Collector.can_fast_delete).
    for model in (*get_page_models(), Site, Locale):
        for signal in (post_save, post_delete):
            signal.connect(
                page_tree_changed,
                sender=model,
                dispatch_uid=f"page-links-{signal is post_save}-{model._meta.label}",
            )
    post_page_move.connect(page_tree_changed, dispatch_uid="page-links-move")
