"""T19: every URL of the participation app, for every role, answers exactly
what MATRIX says. A URL added to participation/associations/urls.py without a row here
fails test_every_url_is_in_the_matrix.

Roles: anonymous; signed in but not approved for anything; representative
of association A; representative of association B; council member; staff.
Council members and staff have their second factor set up, so the matrix
tests the role, not the MFA requirement (tested in test_t20_t21_accounts).
"""

from http import HTTPStatus

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.translation import override

from participation.associations.access import COUNCIL_GROUP
from participation.associations.models import Status
from tests.participation.factories import (
    ActivityFactory,
    AssociationFactory,
    CompositionReportFactory,
    RepresentationFactory,
    UserFactory,
    give_totp,
)
from tests.surveys.factories import SurveyFactory

pytestmark = pytest.mark.django_db

OK, FOUND, NOT_FOUND, NOT_ALLOWED = (
    HTTPStatus.OK,
    HTTPStatus.FOUND,
    HTTPStatus.NOT_FOUND,
    HTTPStatus.METHOD_NOT_ALLOWED,
)
ROLES = ("anonymous", "unapproved", "rep_a", "rep_b", "council", "staff")

# url name: (method, {role: status}). Pages about association A are A's
# representative's alone; everyone else gets 404, not 403, so nobody learns
# that A exists.
OWN_ONLY = {
    "anonymous": FOUND,
    "unapproved": NOT_FOUND,
    "rep_a": OK,
    "rep_b": NOT_FOUND,
    "council": NOT_FOUND,
    "staff": NOT_FOUND,
}
SIGNED_IN = {"anonymous": FOUND} | dict.fromkeys(ROLES[1:], OK)
MATRIX = {
    "home": ("get", SIGNED_IN),
    "request": ("get", SIGNED_IN),
    "join": ("get", SIGNED_IN),
    "association": ("get", OWN_ONLY),
    "edit": ("get", OWN_ONLY),
    "report_new": ("get", OWN_ONLY),
    "report": ("get", OWN_ONLY),
    "activity_new": ("get", OWN_ONLY),
    "activity": ("get", OWN_ONLY),
    "activity_import": ("get", OWN_ONLY),
    # Deleting is POST only; A's representative is redirected after it.
    "activity_delete": ("post", OWN_ONLY | {"rep_a": FOUND}),
}


def url_names(namespace: str) -> set[str]:
    """The names of every URL in ``namespace``, in any language."""

    def walk(patterns, current):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or current)
            elif isinstance(pattern, URLPattern) and current == namespace:
                yield pattern.name

    return set(walk(get_resolver().url_patterns, None))


def test_every_url_is_in_the_matrix():
    assert url_names("participation") == set(MATRIX)


def build_world():
    a = AssociationFactory(status=Status.APPROVED, name="A")
    b = AssociationFactory(status=Status.APPROVED, name="B")
    users = {
        "unapproved": UserFactory(),
        "rep_a": UserFactory(),
        "rep_b": UserFactory(),
        "council": UserFactory(),
        "staff": UserFactory(is_staff=True),
    }
    RepresentationFactory(user=users["rep_a"], association=a, status=Status.APPROVED)
    RepresentationFactory(user=users["rep_b"], association=b, status=Status.APPROVED)
    RepresentationFactory(
        user=users["unapproved"], association=a, status=Status.PENDING
    )
    from django.contrib.auth.models import Group

    users["council"].groups.add(Group.objects.get(name=COUNCIL_GROUP))
    give_totp(users["council"])
    give_totp(users["staff"])
    report = CompositionReportFactory(association=a)
    activity = ActivityFactory(association=a)
    args = {
        "association": [a.public_id],
        "edit": [a.public_id],
        "report_new": [a.public_id],
        "report": [a.public_id, report.year],
        "activity_new": [a.public_id],
        "activity": [a.public_id, activity.pk],
        "activity_import": [a.public_id],
        "activity_delete": [a.public_id, activity.pk],
    }
    return users, args


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The world, built once for this module and rolled back after it; each
    test runs in its own savepoint inside (``django_db``), so the activity a
    test deletes is back for the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def fresh(users: dict) -> dict:
    """The users read again: no test sees another's changes to the objects."""
    return {role: type(user).objects.get(pk=user.pk) for role, user in users.items()}


@pytest.fixture
def world(_module_world, db):
    users, args = _module_world
    return fresh(users), args


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(world, role, name):
    users, args = world
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    method, expected = MATRIX[name]
    for lang in ("da", "ar"):
        with override(lang):
            path = reverse(f"participation:{name}", args=args.get(name, []))
        response = getattr(client, method)(path)
        assert response.status_code == expected[role], (lang, path, role)
        if expected[role] == FOUND and role == "anonymous":
            assert f"/{lang}/accounts/login/" in response["Location"]
        if method == "post" and expected[role] == FOUND:
            break  # the activity is gone; the second language would 404


@pytest.mark.parametrize(
    "name", sorted(n for n, (m, _e) in MATRIX.items() if m == "post")
)
def test_state_changes_refuse_get(world, name):
    users, args = world
    client = Client()
    client.force_login(users["rep_a"])
    with override("da"):
        path = reverse(f"participation:{name}", args=args.get(name, []))
    assert client.get(path).status_code == NOT_ALLOWED


# --- Our pages in the Wagtail admin -----------------------------------------------
#
# Every admin URL whose view is our own code, in this app (approve and reject,
# the report inspection, the statistics import, coding open answers,
# publishing results, data protection) and in surveys (XLSForm import and
# export, translation review, invitations, paper answers) for anonymous, a
# representative, a council member, an editor
# (Wagtail access, no participation permissions) and a superuser. Only the
# superuser gets the page; everyone else is sent to a login or the admin's
# front page. A new admin URL without a row here fails the first test.

ADMIN_ROLES = ("anonymous", "rep_a", "council", "editor", "superuser")
ADMIN_ONLY = dict.fromkeys(ADMIN_ROLES[:-1], FOUND) | {"superuser": OK}
# Publishing is POST only: a GET is refused before any permission check.
POST_ONLY = ADMIN_ONLY | {"editor": NOT_ALLOWED, "superuser": NOT_ALLOWED}
ADMIN_MATRIX = {
    "open_answers:index": ADMIN_ONLY,
    "participation_results_snapshot": ADMIN_ONLY,
    "participation_results_snapshot_publish": POST_ONLY,
    "participation_releases": ADMIN_ONLY,
    "participation_release_make": POST_ONLY,
    "participation_release_publish": POST_ONLY,
    "participation_data_protection": ADMIN_ONLY,
    "participation_data_protection_download": ADMIN_ONLY,
    "surveys_xlsform_index": ADMIN_ONLY,
    "surveys_xlsform_import": ADMIN_ONLY,
    "surveys_xlsform_export": ADMIN_ONLY,
    "surveys_xlsform_update": ADMIN_ONLY,
    "surveys_translation_review": ADMIN_ONLY,
    "surveys_translation_review_mark": POST_ONLY,
    "surveys_translation_review_languages": POST_ONLY,
    "surveys_invitations": ADMIN_ONLY,
    "surveys_paper": ADMIN_ONLY,
    **{
        f"wagtailsnippets_participation_{model}:{name}": ADMIN_ONLY
        for model, names in {
            "association": ("list", "list_results", "add", "edit", "approve", "reject"),
            "representation": (
                "list",
                "list_results",
                "add",
                "edit",
                "approve",
                "reject",
            ),
            "compositionreport": ("inspect",),
            "officialstatistic": ("list", "list_results", "import"),
        }.items()
        for name in names
    },
}


OUR_APPS = ("participation.", "surveys.")


def participation_admin_urls() -> dict[str, str]:
    """Route name -> pattern of every /admin/ URL served by our apps' code."""

    def walk(patterns, namespace, route):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(n for n in (namespace, pattern.namespace) if n)
                yield from walk(
                    pattern.url_patterns, inner, route + str(pattern.pattern)
                )
            else:
                view = pattern.callback
                module = getattr(getattr(view, "view_class", view), "__module__", "")
                if route.startswith("admin/") and module.startswith(OUR_APPS):
                    name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    yield name, route + str(pattern.pattern)

    return dict(walk(get_resolver().url_patterns, "", ""))


def test_every_admin_url_of_the_app_is_in_the_matrix():
    assert set(participation_admin_urls()) == set(ADMIN_MATRIX)


def build_admin_world(world):
    from django.contrib.auth.models import Group, Permission

    users, _args = world
    editor = UserFactory(is_staff=True)
    group = Group.objects.create(name="Test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    superuser = UserFactory(is_staff=True, is_superuser=True)
    for user in (editor, superuser):
        give_totp(user)
    pending = AssociationFactory(status=Status.PENDING)
    request = RepresentationFactory(association=pending, status=Status.PENDING)
    report = CompositionReportFactory(
        association=AssociationFactory(status=Status.APPROVED)
    )
    ids = {"association": pending.pk, "representation": request.pk}
    ids["compositionreport"] = report.pk
    ids["survey"] = SurveyFactory().pk
    return users | {"editor": editor, "superuser": superuser}, ids


@pytest.fixture(scope="module")
def _module_admin_world(_module_world, django_db_blocker):
    """Built once, on the module's world, when the admin tests start (after
    the tests above, which never see it); rolled back after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_admin_world(_module_world)
        transaction.set_rollback(True)


@pytest.fixture
def admin_world(_module_admin_world, db):
    users, ids = _module_admin_world
    return fresh(users), ids


@pytest.mark.parametrize("role", ADMIN_ROLES)
@pytest.mark.parametrize("name", sorted(ADMIN_MATRIX))
def test_admin_access(admin_world, role, name):
    users, ids = admin_world
    pattern = participation_admin_urls()[name]
    args = []
    if "<int:pk>" in pattern:
        args = [
            ids["survey"]
            if name.startswith("surveys_")
            # No release needs to exist: a GET is refused before the lookup.
            else 1
            if name.startswith("participation_release")
            else next(pk for model, pk in ids.items() if f"_{model}:" in name)
        ]
    elif "(?P<fmt>" in pattern:
        args = ["csv"]
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(reverse(name, args=args))
    assert response.status_code == ADMIN_MATRIX[name][role], (name, role)
    if response.status_code == FOUND:
        assert response["Location"] != reverse(name, args=args)
