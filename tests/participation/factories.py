"""factory_boy factories for the participation app and for people who sign in.

Users can sign in through allauth: the e-mail is the login, its address is
verified and the password is PASSWORD. Nobody gets a second factor unless a
test asks for it (``UserFactory(totp=True)`` or ``give_totp(user)``), so
tests of the MFA requirement start from a user without one.
"""

import time
from decimal import Decimal

import factory
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from participation.associations.access import COUNCIL_GROUP
from participation.associations.models import (
    BOARD_FIELDS,
    Activity,
    ActivityKind,
    Association,
    AssociationKind,
    CompositionReport,
    Neighbourhood,
    Representation,
    Status,
)
from participation.council.models import (
    Goal,
    Indicator,
    IndicatorSource,
    IndicatorTarget,
    OfficialStatistic,
    OriginGroup,
    ParticipationMeasure,
    PopulationCell,
    PopulationTable,
    Strategy,
)
from participation.council.releases import populations, release_make, release_publish

PASSWORD = "correct horse battery staple 7"


def give_totp(user) -> str:
    """Give ``user`` a TOTP authenticator (allauth.mfa) unless they have one;
    returns its secret, from which totp_code() makes valid codes."""
    existing = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).first()
    if existing:
        return decrypt(existing.data["secret"])
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_code(secret: str) -> str:
    """The code an authenticator app shows for ``secret`` right now."""
    counter = int(time.time()) // mfa_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


class UserFactory(factory.django.DjangoModelFactory):
    """A user who can sign in: e-mail as login, verified address.

    ``is_staff=True`` makes municipal staff as access.is_staff sees them;
    ``superuser=True`` also gives every Wagtail admin permission;
    ``council=True`` puts the user in the council members' group;
    ``totp=True`` sets up a TOTP authenticator; ``verified=False`` leaves
    the e-mail address unverified."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(
                user=self, email=self.email, verified=True, primary=True
            )

    @factory.post_generation
    def council(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get_or_create(name=COUNCIL_GROUP)[0])

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        if create and extracted:
            give_totp(self)


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())
    name_da = factory.LazyAttribute(lambda o: o.name)


class ActivityKindFactory(factory.django.DjangoModelFactory):
    """The kinds seeded by migration 0002 (event, course, mentoring, sport,
    culture, festival, council_meeting, other) are reused by their code."""

    class Meta:
        model = ActivityKind
        django_get_or_create = ("code",)

    code = "event"
    name = factory.LazyAttribute(lambda o: o.code)


class AssociationFactory(factory.django.DjangoModelFactory):
    """An approved sport association; pass ``status=Status.PENDING`` and
    ``requested_by`` for one waiting for staff."""

    class Meta:
        model = Association

    name = factory.Sequence(lambda n: f"Forening {n}")
    kind = AssociationKind.SPORT
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    contact_email = factory.Sequence(lambda n: f"forening{n}@example.org")
    status = Status.APPROVED
    requested_by = None
    request_note = ""


class RepresentationFactory(factory.django.DjangoModelFactory):
    """An approved representative; ``status=Status.PENDING`` for a request."""

    class Meta:
        model = Representation

    user = factory.SubFactory(UserFactory)
    association = factory.SubFactory(AssociationFactory)
    status = Status.APPROVED
    note = ""
    decided_at = factory.LazyAttribute(
        lambda o: None if o.status == Status.PENDING else timezone.now()
    )


class CompositionReportFactory(factory.django.DjangoModelFactory):
    """Last year's report, all counts 0 unless given. ``board_size`` is the
    sum of the board counts passed, so the check constraint holds. Made
    directly, not through the service, so it has no revision."""

    class Meta:
        model = CompositionReport

    association = factory.SubFactory(AssociationFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year - 1)
    board_size = factory.LazyAttribute(
        lambda o: sum(getattr(o, name, 0) for name in BOARD_FIELDS)
    )


class ActivityFactory(factory.django.DjangoModelFactory):
    """An event this month in the association's neighbourhood; 10
    participants of unknown origin unless other counts are given (the total
    is their sum)."""

    class Meta:
        model = Activity

    association = factory.SubFactory(AssociationFactory)
    title = factory.Sequence(lambda n: f"Aktivitet {n}")
    date = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    kind = factory.SubFactory(ActivityKindFactory)
    neighbourhood = factory.SelfAttribute("association.neighbourhood")
    participants_danish = 0
    participants_immigrant = 0
    participants_descendant = 0
    participants_unknown = 10
    participants_total = factory.LazyAttribute(
        lambda o: (
            o.participants_danish
            + o.participants_immigrant
            + o.participants_descendant
            + o.participants_unknown
        )
    )


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    name = "Integrationsstrategi 2023-2026"
    name_da = factory.LazyAttribute(lambda o: o.name)
    valid_from = 2023
    valid_to = 2026


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    strategy = factory.SubFactory(StrategyFactory)
    code = factory.Sequence(lambda n: f"goal-{n}")
    title = factory.Sequence(lambda n: f"Målsætning {n}")
    title_da = factory.LazyAttribute(lambda o: o.title)
    sort_order = factory.Sequence(int)


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator following imported statistics (table 2, employment rate
    of immigrants aged 25-29) that should rise from its 2022 baseline. For
    another source pass ``source`` and its fields (``question=`` for a
    survey, ``measure=``, ``association_kind=`` and ``group=`` for
    participation records) and blank the statistic fields if you like."""

    class Meta:
        model = Indicator

    goal = factory.SubFactory(GoalFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    name_da = factory.LazyAttribute(lambda o: o.name)
    baseline_year = 2022
    source = IndicatorSource.STATISTICS
    statistic_table = factory.LazyAttribute(
        lambda o: "2" if o.source == IndicatorSource.STATISTICS else ""
    )
    statistic_indicator = factory.LazyAttribute(
        lambda o: "employment_rate" if o.source == IndicatorSource.STATISTICS else ""
    )
    statistic_breakdown = factory.LazyAttribute(
        lambda o: "25-29 år" if o.source == IndicatorSource.STATISTICS else ""
    )
    statistic_group = factory.LazyAttribute(
        lambda o: "immigrants" if o.source == IndicatorSource.STATISTICS else ""
    )


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = 2026
    value = Decimal("60")


class OfficialStatisticFactory(factory.django.DjangoModelFactory):
    """A figure matching IndicatorFactory's default key."""

    class Meta:
        model = OfficialStatistic

    source = "Danmarks Statistik"
    table = "2"
    indicator = "employment_rate"
    breakdown = "25-29 år"
    year = 2022
    group = "immigrants"
    value = Decimal("57.9")


class PopulationTableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationTable

    name = factory.Sequence(lambda n: f"FOLK1E Aalborg {n}")
    area = "Aalborg"
    period = "2023K1"
    year = 2023
    synthetic = False


class PopulationCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PopulationCell

    table = factory.SubFactory(PopulationTableFactory)
    origin = "danish"
    country_group = ""
    age_band = "30_49"
    gender = "woman"
    count = 100


def release_all(*, publish: bool = True) -> list:
    """Make (and publish) a release of every population now, as staff do
    under Results → Releases: council pages, exports, the API and the public
    results read only published releases."""
    made = []
    for population in populations():
        release = release_make(population=population, now=True)
        if publish:
            release = release_publish(release=release)
        made.append(release)
    return made


def school_board_indicator(
    *, board_name: str | None = None, target: Decimal | None = Decimal("15")
) -> Indicator:
    """Share of school-board seats held by people with a multicultural
    background: 2 of 22 in 2023 (too few to show), 8 of 28 in 2024, 9 of 30
    in 2025, on one school board (``board_name``); published, baseline 2023,
    named in Danish and Arabic, with ``target`` for 2026; released."""
    indicator = IndicatorFactory(
        code="school-boards",
        # Both, since "name" goes to the column of whatever language is active.
        name="Forældre i skolebestyrelser",
        name_da="Forældre i skolebestyrelser",
        name_ar="أولياء الأمور في مجالس المدارس",
        description_da="Andel af pladserne.",
        source=IndicatorSource.PARTICIPATION,
        measure=ParticipationMeasure.BOARD_SHARE,
        association_kind=AssociationKind.SCHOOL_BOARD,
        group=OriginGroup.MULTICULTURAL,
        baseline_year=2023,
        published=True,
    )
    board = AssociationFactory(
        kind=AssociationKind.SCHOOL_BOARD,
        **({"name": board_name} if board_name else {}),
    )
    for year, immigrant, danish in ((2023, 2, 20), (2024, 8, 20), (2025, 9, 21)):
        CompositionReportFactory(
            association=board,
            year=year,
            board_immigrant_woman=immigrant,
            board_danish_man=danish,
        )
    if target is not None:
        IndicatorTargetFactory(indicator=indicator, year=2026, value=target)
    release_all()
    return indicator
