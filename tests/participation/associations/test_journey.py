"""The associations' journey, end to end through the real pages: a new
representative signs up, verifies the e-mail address from the message the site
sends, asks for a new association, is approved by staff in the Wagtail admin,
files a composition report and an activity and sees them listed, in Danish and
in Arabic. Nothing is forced: no force_login for the representative, no
service call in place of a page."""

import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from participation.associations.models import (
    BOARD_FIELDS,
    MEMBER_FIELDS,
    Association,
    CompositionReport,
    Status,
)
from tests.participation.factories import (
    PASSWORD,
    NeighbourhoodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
# What each language's pages say at a few points of the journey (from the
# compiled catalogues: the test fails when a page falls back to English).
SAYS = {
    "da": {
        "waiting": "afventer sekretariatet",
        "due": "Indsend den nu",
        "dir": 'dir="ltr"',
    },
    "ar": {"waiting": "بانتظار الأمانة", "due": "قدّمه الآن", "dir": 'dir="rtl"'},
}


def at(lang: str, name: str, *args) -> str:
    with override(lang):
        return reverse(name, args=args)


def link_in(message) -> str:
    """The path of the confirmation link in a sent e-mail."""
    match = re.search(
        r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", message.body
    )
    assert match, message.body
    return match.group(1)


@pytest.mark.parametrize("lang", ["da", "ar"])
def test_sign_up_verify_request_approval_report_and_activity(lang):
    place = NeighbourhoodFactory(code="aalborg_ost", name_da="Aalborg Øst")
    email = f"formand-{lang}@example.org"
    resident = Client()

    # 1. Sign up. With mandatory verification nothing is possible yet.
    signup = resident.post(
        at(lang, "account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert signup.status_code == HTTPStatus.FOUND
    assert signup["Location"] == at(lang, "account_email_verification_sent")
    area = resident.get(at(lang, "participation:home"))
    assert area.status_code == HTTPStatus.FOUND
    assert area["Location"].startswith(at(lang, "account_login"))

    # 2. The message carries a link in the same language; following it and
    #    confirming verifies the address.
    (message,) = mail.outbox
    assert message.to == [email]
    confirm = link_in(message)
    assert confirm.startswith(f"/{lang}/")
    page = resident.get(confirm)
    assert page.status_code == HTTPStatus.OK
    assert SAYS[lang]["dir"] in page.content.decode()
    resident.post(confirm)
    login = resident.post(
        at(lang, "account_login"), {"login": email, "password": PASSWORD}
    )
    assert login.status_code == HTTPStatus.FOUND
    home = resident.get(at(lang, "participation:home"))
    assert home.status_code == HTTPStatus.OK
    assert SAYS[lang]["dir"] in home.content.decode()

    # 3. Ask for a new association: it waits for staff, and its page is not
    #    the representative's yet.
    requested = resident.post(
        at(lang, "participation:request"),
        {
            "name": "Foreningen Fællesskab Øst",
            "kind": "culture",
            "neighbourhood": place.code,
            "cvr": "",
            "description": "Lektiecafé og fællesspisning.",
            "contact_email": "kontakt@example.org",
            "note": "Jeg er formand.",
        },
    )
    assert requested.status_code == HTTPStatus.FOUND
    association = Association.objects.get(name="Foreningen Fællesskab Øst")
    assert association.status == Status.PENDING
    own_page = at(lang, "participation:association", association.public_id)
    assert resident.get(own_page).status_code == HTTPStatus.NOT_FOUND
    home = resident.get(at(lang, "participation:home")).content.decode()
    assert SAYS[lang]["waiting"] in home

    # 4. Staff approve it in the Wagtail admin, seeing who asked and why.
    staff = Client()
    staff.force_login(UserFactory(superuser=True, totp=True))
    approve = reverse(
        "wagtailsnippets_participation_association:approve", args=[association.pk]
    )
    confirm_page = staff.get(approve).content.decode()
    assert email in confirm_page
    assert "Jeg er formand." in confirm_page
    assert staff.post(approve).status_code == HTTPStatus.FOUND

    # 5. Now it is theirs: this year's report is due.
    home = resident.get(at(lang, "participation:home")).content.decode()
    report_new = at(lang, "participation:report_new", association.public_id)
    assert report_new in home
    assert SAYS[lang]["due"] in home

    # 6. File the composition report (the form starts every count at 0).
    counts = dict.fromkeys(MEMBER_FIELDS + BOARD_FIELDS, 0) | {
        "year": THIS_YEAR,
        "board_size": 5,
        "board_danish_woman": 2,
        "board_danish_man": 1,
        "board_immigrant_woman": 1,
        "board_descendant_man": 1,
        "members_danish_adult": 31,
        "members_immigrant_adult": 12,
        "members_descendant_child": 8,
    }
    filed = resident.post(report_new, counts)
    assert filed.status_code == HTTPStatus.FOUND
    report = CompositionReport.objects.get(association=association, year=THIS_YEAR)
    assert report.board_size == 5
    assert report.members_immigrant_adult == 12

    # 7. Record an activity.
    recorded = resident.post(
        at(lang, "participation:activity_new", association.public_id),
        {
            "title": "Lektiecafé",
            "date": timezone.localdate().isoformat(),
            "kind": "course",
            "neighbourhood": place.code,
            "participants_total": 14,
            "participants_immigrant": 9,
            "volunteers": 3,
            "languages": ["da", "ar"],
        },
    )
    assert recorded.status_code == HTTPStatus.FOUND

    # 8. Both are listed on the association's page, in the chosen language.
    page = resident.get(own_page).content.decode()
    assert SAYS[lang]["dir"] in page
    assert at(lang, "participation:report", association.public_id, THIS_YEAR) in page
    assert "Lektiecafé" in page
    home = resident.get(at(lang, "participation:home")).content.decode()
    assert f"?year={THIS_YEAR}" not in home  # the reminder is gone
