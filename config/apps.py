from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """The project's shared plumbing as an app: the site's template tags
    (base.html's ``{% load medborger %}``: the language switcher, the site
    name) and the page-links memo behind them (config/page_links.py)."""

    name = "config"
    label = "medborger"
    verbose_name = "Medborger"

    def ready(self):
        from config import page_links

        page_links.connect()
