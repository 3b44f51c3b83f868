"""Governance in the Wagtail admin: the data protection report (Reports
menu), which maps every store of personal data and the retention schedule
(participation/governance/dataprotection_admin.py)."""

from django.urls import path, re_path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks

from participation.governance.dataprotection_admin import (
    DOWNLOAD_URL_NAME,
    FORMATS,
    PERMISSION,
    URL_NAME,
    DataProtectionView,
    data_protection_download,
)
from surveys.admin_permissions import PermissionMenuItem


@hooks.register("register_admin_urls")
def register_data_protection_urls():
    return [
        path("data-protection/", DataProtectionView.as_view(), name=URL_NAME),
        # Only the offered formats match: any other is a 404, never a 500.
        re_path(
            rf"^data-protection/download/(?P<fmt>{'|'.join(FORMATS)})/$",
            data_protection_download,
            name=DOWNLOAD_URL_NAME,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_data_protection_menu_item():
    return PermissionMenuItem(
        gettext_lazy("Data protection"),
        reverse(URL_NAME),
        name="data-protection",
        icon_name="lock",
        order=900,
        permissions=(PERMISSION,),
    )
