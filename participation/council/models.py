"""The council's insights: population tables, the strategy with its goals
and indicators, official statistics, the disclosure settings, themes and the
coding of open answers, published results, the export log and API tokens.

Everything here is read by the council pages only through aggregates that
pass disclosure control (participation/stats/disclosure.py).

Every model keeps the app label "participation" (its table, permissions and
migrations did not move when the code moved here; docs/ARCHITECTURE.md).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from participation.associations.models import AssociationKind
from participation.council.coding_models import (  # noqa: F401 (their home)
    AnswerCoding,
    QuoteStatus,
    Theme,
)
from participation.stats.aggregates import AGREE_CODES, SCALE_CODES
from surveys.messages import COUNTRY_GROUP_LABELS, ORIGIN_LABELS
from surveys.models import QuestionKind
from surveys.origin import MULTICULTURAL, CountryGroup, Origin

# --- Council insights: population, strategy, goals and indicators ---
#
# Everything below is read by the council pages only through aggregates that
# pass disclosure control (participation/stats/disclosure.py).


class PopulationOrigin(models.TextChoices):
    """Statistics Denmark's origin groups (herkomst), by our stable codes."""

    DANISH = Origin.DANISH.value, ORIGIN_LABELS[Origin.DANISH]
    IMMIGRANT = Origin.IMMIGRANT.value, ORIGIN_LABELS[Origin.IMMIGRANT]
    DESCENDANT = Origin.DESCENDANT.value, ORIGIN_LABELS[Origin.DESCENDANT]


class PopulationCountryGroup(models.TextChoices):
    """DST's grouping of immigrants' and descendants' countries of origin;
    blank for people of Danish origin."""

    NONE = "", _("Not applicable")
    WESTERN = CountryGroup.WESTERN.value, COUNTRY_GROUP_LABELS[CountryGroup.WESTERN]
    NON_WESTERN = (
        CountryGroup.NON_WESTERN.value,
        COUNTRY_GROUP_LABELS[CountryGroup.NON_WESTERN],
    )


class AgeBand(models.TextChoices):
    """The survey's age bands, so population and respondents line up."""

    UNDER_18 = "under_18", _("Under 18")
    AGE_18_29 = "18_29", _("18-29")
    AGE_30_49 = "30_49", _("30-49")
    AGE_50_64 = "50_64", _("50-64")
    AGE_65_PLUS = "65_plus", _("65 and over")


class PopulationGender(models.TextChoices):
    WOMAN = "woman", _("Women")
    MAN = "man", _("Men")


class PopulationTable(models.Model):
    """A population table from Statistics Denmark (FOLK1E) for one area and
    quarter, imported with ``manage.py import_population``. Weighting rakes
    survey responses to its counts. A synthetic table (the demo's) is
    labelled synthetic wherever it is shown."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    area = models.CharField(_("area"), max_length=120)
    period = models.CharField(
        _("period"),
        max_length=10,
        help_text=_("Quarter as DST writes it, e.g. 2023K1."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900)]
    )
    source = models.TextField(_("source"), blank=True)
    synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("Made-up figures in the official format, e.g. for the demo."),
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        app_label = "participation"
        ordering = ["-year", "area", "name"]
        verbose_name = _("population table")
        verbose_name_plural = _("population tables")

    def __str__(self):
        label = str(_("synthetic"))
        if self.synthetic and label.casefold() not in self.name.casefold():
            return f"{self.name} ({label})"
        return self.name

    @property
    def total(self) -> int:
        return self.cells.aggregate(total=models.Sum("count"))["total"] or 0


class PopulationCell(models.Model):
    """How many people of one origin group, country group, age band and
    gender a population table counts."""

    table = models.ForeignKey(
        PopulationTable,
        on_delete=models.CASCADE,
        related_name="cells",
        verbose_name=_("population table"),
    )
    origin = models.CharField(_("origin"), max_length=16, choices=PopulationOrigin)
    country_group = models.CharField(
        _("country group"),
        max_length=16,
        choices=PopulationCountryGroup,
        blank=True,
        default="",
    )
    age_band = models.CharField(_("age band"), max_length=10, choices=AgeBand)
    gender = models.CharField(_("gender"), max_length=8, choices=PopulationGender)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        app_label = "participation"
        ordering = ["table", "origin", "country_group", "age_band", "gender"]
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "origin", "country_group", "age_band", "gender"],
                name="one_population_cell_per_group",
            ),
            models.CheckConstraint(
                condition=Q(origin__in=PopulationOrigin.values)
                & Q(country_group__in=PopulationCountryGroup.values)
                & Q(age_band__in=AgeBand.values)
                & Q(gender__in=PopulationGender.values),
                name="population_cell_known_codes",
            ),
            # People of Danish origin have no country group of origin.
            models.CheckConstraint(
                condition=~Q(origin=PopulationOrigin.DANISH)
                | Q(country_group=PopulationCountryGroup.NONE),
                name="population_cell_danish_has_no_country_group",
            ),
        ]

    def __str__(self):
        group = "/".join(
            part
            for part in (self.origin, self.country_group, self.age_band, self.gender)
            if part
        )
        return f"{self.table.name}: {group} = {self.count}"


class Strategy(ClusterableModel):
    """A municipality's integration strategy (e.g. Integrationsstrategi
    2023-2026): goals (målsætninger) with indicators the council follows.
    The name is translated (django-modeltranslation)."""

    name = models.CharField(_("name"), max_length=200)
    valid_from = models.PositiveSmallIntegerField(
        _("valid from (year)"), validators=[MinValueValidator(2000)]
    )
    valid_to = models.PositiveSmallIntegerField(
        _("valid to (year)"), validators=[MinValueValidator(2000)]
    )

    class Meta:
        app_label = "participation"
        ordering = ["-valid_from", "name"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=F("valid_from")),
                name="strategy_ends_after_it_starts",
                violation_error_message=_(
                    "The last year must not be before the first year."
                ),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.valid_from}-{self.valid_to})"


class Goal(Orderable):
    """One goal (målsætning) of a strategy, edited on the strategy's page.
    Title and description are translated."""

    strategy = ParentalKey(
        Strategy,
        on_delete=models.CASCADE,
        related_name="goals",
        verbose_name=_("strategy"),
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta(Orderable.Meta):
        app_label = "participation"
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "code"], name="goal_code_unique_per_strategy"
            )
        ]

    def __str__(self):
        return self.title


class IndicatorUnit(models.TextChoices):
    PERCENT = "percent", _("Percent")
    COUNT = "count", _("Count")
    RATIO = "ratio", _("Ratio")


class IndicatorDirection(models.TextChoices):
    RISE = "rise", _("Should rise")
    FALL = "fall", _("Should fall")


class IndicatorSource(models.TextChoices):
    SURVEY = "survey", _("Survey question (share choosing the answers that count)")
    COMPOSITE = "composite", _("Several agreement questions together (an index)")
    PARTICIPATION = "participation", _("Participation records")
    STATISTICS = "statistics", _("Imported official statistics")


class OriginGroup(models.TextChoices):
    """Whose figure an indicator follows. "Multicultural background" is
    immigrants and descendants together."""

    ALL = "all", _("Everyone")
    DANISH = Origin.DANISH.value, ORIGIN_LABELS[Origin.DANISH]
    IMMIGRANT = Origin.IMMIGRANT.value, ORIGIN_LABELS[Origin.IMMIGRANT]
    DESCENDANT = Origin.DESCENDANT.value, ORIGIN_LABELS[Origin.DESCENDANT]
    MULTICULTURAL = "multicultural", _("Multicultural background")


# The survey's origin codes (surveys.origin.Origin) behind each group; "all"
# also counts respondents whose origin the answers do not decide.
ORIGIN_GROUP_CODES = {
    OriginGroup.DANISH: (Origin.DANISH.value,),
    OriginGroup.IMMIGRANT: (Origin.IMMIGRANT.value,),
    OriginGroup.DESCENDANT: (Origin.DESCENDANT.value,),
    OriginGroup.MULTICULTURAL: MULTICULTURAL,
}


def answer_codes(question) -> list[str]:
    """The codes a respondent can give ``question`` that say something (not
    "don't know", not blank): the share of an indicator is of these."""
    if question.kind == QuestionKind.AGREE:
        return list(SCALE_CODES)
    if question.kind == QuestionKind.YESNO:
        return ["yes", "no"]
    return list(question.choices.order_by("sort_order").values_list("code", flat=True))


class ParticipationMeasure(models.TextChoices):
    BOARD_SHARE = "board_share", _("Share of board seats held by the group")
    MEMBERS_SHARE = "members_share", _("Share of members in the group")
    REPRESENTATION_RATIO = (
        "representation_ratio",
        _("Share of board seats divided by the group's share of the adult population"),
    )


class Indicator(ClusterableModel):
    """A number that shows whether a goal is being reached: a direction, a
    baseline, yearly targets and a source. The source is one of a survey
    question (share answering 4 or 5 on the agreement scale, for a group), a
    participation measure (across the associations or boards of one kind),
    or imported official statistics (the rows with the given table,
    indicator, breakdown and group). Measurements are computed by
    participation/council/indicators.py; staff choose which indicators the public
    results page shows."""

    goal = models.ForeignKey(
        Goal,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("goal"),
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    unit = models.CharField(
        _("unit"), max_length=10, choices=IndicatorUnit, default=IndicatorUnit.PERCENT
    )
    direction = models.CharField(
        _("direction"),
        max_length=4,
        choices=IndicatorDirection,
        default=IndicatorDirection.RISE,
    )
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), validators=[MinValueValidator(1900)]
    )
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Leave empty to use the measurement of the baseline year."),
    )
    source = models.CharField(_("source"), max_length=16, choices=IndicatorSource)
    # Survey source.
    question = models.ForeignKey(
        "surveys.Question",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        limit_choices_to={"kind__in": ("agree", "yesno", "single")},
        verbose_name=_("survey question"),
        help_text=_(
            "An agreement question counts 4 or 5 among those answering 1 to 5; "
            "a yes/no or single-choice question counts the answers below among "
            "everyone who answered it (don't know not included)."
        ),
    )
    answers = models.CharField(
        _("answers that count"),
        max_length=200,
        blank=True,
        help_text=_(
            "Answer codes separated by commas, e.g. yes. Empty for an agreement "
            "question: 4 and 5 count."
        ),
    )
    # Composite source: several agreement questions of one survey.
    components = ParentalManyToManyField(
        "surveys.Question",
        blank=True,
        related_name="composite_indicators",
        limit_choices_to={"kind": "agree"},
        verbose_name=_("questions of the index"),
        help_text=_(
            "A respondent counts when the mean of their answers to these "
            "questions (1-5, those they answered) is 4 or more."
        ),
    )
    # Survey and participation sources.
    group = models.CharField(
        _("group"), max_length=16, choices=OriginGroup, default=OriginGroup.ALL
    )
    # Participation source.
    measure = models.CharField(
        _("participation measure"),
        max_length=24,
        choices=ParticipationMeasure,
        blank=True,
    )
    association_kind = models.CharField(
        _("kind of association or board"),
        max_length=20,
        choices=AssociationKind,
        blank=True,
        help_text=_("Leave empty for all associations (public boards not included)."),
    )
    # Statistics source: the key of the imported OfficialStatistic rows.
    statistic_table = models.CharField(_("statistics table"), max_length=40, blank=True)
    statistic_indicator = models.CharField(
        _("statistics indicator"), max_length=100, blank=True
    )
    statistic_breakdown = models.CharField(
        _("statistics breakdown"), max_length=200, blank=True
    )
    statistic_group = models.CharField(_("statistics group"), max_length=40, blank=True)
    statistic_target_indicator = models.CharField(
        _("targets from statistics indicator"),
        max_length=100,
        blank=True,
        help_text=_(
            "Optional: the imported indicator that holds the yearly targets "
            "(måltal), same table and group. Importing copies them to the targets."
        ),
    )
    threshold = models.DecimalField(
        _("movement threshold"),
        max_digits=10,
        decimal_places=4,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
        help_text=_(
            "A change from the baseline of more than this counts as movement "
            "(percentage points for a percentage)."
        ),
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Show on the public results page."),
    )

    class Meta:
        app_label = "participation"
        ordering = ["goal__strategy", "goal__sort_order", "sort_order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(source__in=IndicatorSource.values),
                name="indicator_known_source",
            ),
            models.CheckConstraint(
                condition=Q(direction__in=IndicatorDirection.values)
                & Q(unit__in=IndicatorUnit.values),
                name="indicator_known_direction_and_unit",
            ),
            models.CheckConstraint(
                condition=Q(threshold__gte=0),
                name="indicator_threshold_not_negative",
            ),
            # A survey indicator needs its question; no other kind keeps one
            # (a question in use cannot be deleted).
            models.CheckConstraint(
                condition=(
                    Q(source=IndicatorSource.SURVEY, question__isnull=False)
                    | (~Q(source=IndicatorSource.SURVEY) & Q(question__isnull=True))
                ),
                name="indicator_survey_has_question",
                violation_error_message=_(
                    "A survey indicator needs a question; other sources have none."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(source=IndicatorSource.PARTICIPATION)
                | (
                    Q(measure__in=ParticipationMeasure.values)
                    & ~Q(group=OriginGroup.ALL)
                ),
                name="indicator_participation_has_measure",
                violation_error_message=_(
                    "A participation indicator needs a measure and a group."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(source=IndicatorSource.STATISTICS)
                | (~Q(statistic_table="") & ~Q(statistic_indicator="")),
                name="indicator_statistics_has_key",
                violation_error_message=_(
                    "An indicator from statistics needs a table and an indicator."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def counted_answers(self) -> tuple[str, ...]:
        """The answer codes of the question that count (survey source)."""
        codes = tuple(code.strip() for code in self.answers.split(",") if code.strip())
        return codes or AGREE_CODES

    def _answers_problem(self) -> str | None:
        question = self.question
        if question.kind == QuestionKind.AGREE and not self.answers.strip():
            return None
        if not self.answers.strip():
            return _("Name the answers that count, e.g. yes.")
        known = set(answer_codes(question))
        unknown = [code for code in self.counted_answers() if code not in known]
        if unknown:
            return _(
                "Not an answer of this question: %(codes)s. It has: %(known)s."
            ) % {
                "codes": ", ".join(unknown),
                "known": ", ".join(answer_codes(question)),
            }
        if set(self.counted_answers()) == known:
            return _("Leave out at least one answer: counting them all gives everyone.")
        return None

    def clean(self):
        """Field-level messages for what the constraints above would reject
        as a whole, and no leftovers of another source."""
        errors = {}
        if self.source == IndicatorSource.SURVEY:
            if not self.question_id:
                errors["question"] = _("Choose the survey question.")
            else:
                problem = self._answers_problem()
                if problem:
                    errors["answers"] = problem
        else:
            self.question = None
            self.answers = ""
        if self.source == IndicatorSource.COMPOSITE:
            components = list(self.components.all())
            if len(components) < 2:
                errors["components"] = _("Choose at least two agreement questions.")
            elif len({question.survey_id for question in components}) > 1:
                errors["components"] = _("Choose questions of one survey.")
        if self.source == IndicatorSource.PARTICIPATION:
            if not self.measure:
                errors["measure"] = _("Choose what to measure.")
            if self.group == OriginGroup.ALL:
                errors["group"] = _("Choose the group whose share is measured.")
        if self.source == IndicatorSource.STATISTICS:
            for field in ("statistic_table", "statistic_indicator"):
                if not getattr(self, field):
                    errors[field] = _("Name the imported statistic to follow.")
        if errors:
            raise ValidationError(errors)


class IndicatorTarget(models.Model):
    """The value an indicator should reach in a year (måltal)."""

    indicator = ParentalKey(
        Indicator,
        on_delete=models.CASCADE,
        related_name="targets",
        verbose_name=_("indicator"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900)]
    )
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=4)

    class Meta:
        app_label = "participation"
        ordering = ["indicator", "year"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"], name="one_target_per_indicator_year"
            )
        ]

    def __str__(self):
        return f"{self.indicator} {self.year}: {self.value}"


class OfficialStatistic(models.Model):
    """One published figure, imported from a CSV (``manage.py
    import_statistics``): e.g. the employment rate of immigrants aged 25-29
    in 2022. Table, indicator, breakdown and group are the source's own
    codes, which an indicator names to follow them."""

    source = models.TextField(_("source"), blank=True)
    table = models.CharField(_("table"), max_length=40)
    indicator = models.CharField(_("indicator"), max_length=100)
    breakdown = models.CharField(_("breakdown"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1900)]
    )
    group = models.CharField(_("group"), max_length=40)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        app_label = "participation"
        ordering = ["table", "indicator", "breakdown", "group", "year"]
        verbose_name = _("official statistic")
        verbose_name_plural = _("official statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["table", "indicator", "breakdown", "year", "group"],
                name="one_official_statistic_per_key",
            )
        ]

    def __str__(self):
        parts = [self.table, self.indicator, self.breakdown, self.group]
        return f"{' / '.join(p for p in parts if p)} {self.year}: {self.value}"


# --- Disclosure policy, open answers, published snapshots, exports ---


@register_setting(icon="lock")
class DisclosureSettings(BaseGenericSetting):
    """The disclosure thresholds staff set (SPEC §4.2): one row for the whole
    site, read by participation.council.catalogue.policy(). ``k`` is the smallest count
    the council sees, ``public_k`` the smallest on the public results page
    and in the public API (the same or higher), ``uniform_min`` the size from
    which a group whose members all gave one answer may still be shown."""

    k = models.PositiveSmallIntegerField(
        _("smallest count shown to the council"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text=_("Cells counting fewer people are hidden. Never below 3."),
    )
    public_k = models.PositiveSmallIntegerField(
        _("smallest count shown to the public"),
        default=5,
        validators=[MinValueValidator(3), MaxValueValidator(100)],
        help_text=_("For the public results page; at least the council's."),
    )
    uniform_min = models.PositiveSmallIntegerField(
        _("smallest group shown when everyone answered alike"),
        default=10,
        validators=[MinValueValidator(3), MaxValueValidator(1000)],
        help_text=_(
            "A smaller group whose members all gave the same answer is hidden, "
            "since the table would tell what each of them answered."
        ),
    )

    class Meta:
        app_label = "participation"
        verbose_name = _("disclosure control")
        constraints = [
            models.CheckConstraint(
                condition=Q(k__gte=3) & Q(public_k__gte=F("k")),
                name="disclosure_k_at_least_3_public_at_least_council",
            ),
            models.CheckConstraint(
                condition=Q(uniform_min__gte=F("k")),
                name="disclosure_uniform_min_at_least_k",
            ),
        ]

    def clean(self):
        errors = {}
        if self.public_k is not None and self.k is not None and self.public_k < self.k:
            errors["public_k"] = _(
                "The public threshold must not be below the council's."
            )
        if (
            self.uniform_min is not None
            and self.k is not None
            and self.uniform_min < self.k
        ):
            errors["uniform_min"] = _("This must not be below the council's threshold.")
        if errors:
            raise ValidationError(errors)


class ResultsSnapshot(models.Model):
    """What the public results page shows: the disclosed figures of the
    published indicators at one moment, frozen (participation/council/snapshots.py).
    A new snapshot is only taken when at least ``public_k`` responses or
    records have changed since the last one, so two snapshots cannot be
    subtracted to describe fewer people (T06). ``figures`` holds only
    numbers that passed disclosure control."""

    taken_on = models.DateField(_("taken on"), default=timezone.localdate)
    basis = models.PositiveIntegerField(
        _("responses and records behind it"),
        help_text=_("Survey responses plus composition reports when it was taken."),
    )
    k = models.PositiveSmallIntegerField(_("threshold used"))
    figures = models.JSONField(_("figures"), default=dict)
    #: The ids of the releases its figures were read from: the next snapshot
    #: is compared with them figure by figure (snapshots.snapshot_may_refresh).
    releases = models.JSONField(_("releases"), default=list, blank=True)

    class Meta:
        app_label = "participation"
        ordering = ["-pk"]
        get_latest_by = "pk"
        verbose_name = _("published results snapshot")
        verbose_name_plural = _("published results snapshots")

    def __str__(self):
        return f"{self.taken_on} (k={self.k})"


class ReleaseStatus(models.TextChoices):
    BUILDING = "building", _("being made")
    AUDITED = "audited", _("audited, ready to publish")
    FAILED = "failed", _("could not be made")
    PUBLISHED = "published", _("published")
    REPLACED = "replaced", _("replaced by a newer release")


class Release(models.Model):
    """Every table of the catalogue for one population (a survey wave, or a
    year of board and association reports), frozen at one moment after a
    joint audit of all of them together (participation/council/releases/).
    Council pages, exports, the API and the public results read published
    releases only, so two reads can differ only when a new release has been
    published, and a new release is published only when it differs from
    every earlier one of its population by 0 or at least k in every figure
    both show (T05-T07)."""

    #: "wave:<id>" or "reports:<year>" (releases.populations).
    population = models.CharField(_("population"), max_length=40, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReleaseStatus.choices,
        default=ReleaseStatus.BUILDING,
    )
    #: The disclosure settings it was made under: a reader under other
    #: settings is shown nothing from it.
    k = models.PositiveSmallIntegerField(_("smallest count shown to the council"))
    public_k = models.PositiveSmallIntegerField(_("smallest count shown to the public"))
    uniform_min = models.PositiveSmallIntegerField(
        _("smallest group shown when everyone answered alike")
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    made_at = models.DateTimeField(_("made"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    tables_done = models.PositiveIntegerField(default=0)
    tables_total = models.PositiveIntegerField(default=0)
    #: For staff: how the audit went (tables, hidden numbers, suppressions
    #: the joint audit added, seconds), never a count of people.
    audit = models.JSONField(_("audit"), default=dict, blank=True)
    #: For staff: why it failed or was not published.
    message = models.TextField(_("message"), blank=True)

    class Meta:
        app_label = "participation"
        ordering = ["-pk"]
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        permissions = [("publish_release", _("Can make and publish releases"))]
        constraints = [
            # One published release per population at a time.
            models.UniqueConstraint(
                fields=["population"],
                condition=Q(status="published"),
                name="one_published_release_per_population",
            )
        ]

    def __str__(self):
        return f"{self.population} #{self.pk}"


class ReleaseTable(models.Model):
    """One frozen table of a release, as ``catalogue.Table.to_data`` wrote it
    (its labels in every language, its disclosed numbers only). ``scope`` is
    "council" (the council's threshold) or "public" (the public threshold)."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="tables"
    )
    scope = models.CharField(max_length=8)
    key = models.CharField(max_length=200)
    data = models.JSONField()

    class Meta:
        app_label = "participation"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "scope", "key"], name="one_table_per_release_key"
            )
        ]

    def __str__(self):
        return f"{self.release} {self.scope} {self.key}"


class ExportLog(models.Model):
    """That a table left the council pages or the API: which table of which
    release, how (a file or an API read), for whom and on which day (T22:
    exports are POST-only because of this). No figures and no answers are
    kept."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )
    table = models.CharField(_("table"), max_length=200)
    format = models.CharField(_("format"), max_length=8)
    release = models.ForeignKey(
        Release,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("release"),
    )
    exported_on = models.DateField(_("exported on"), default=timezone.localdate)

    class Meta:
        app_label = "participation"
        ordering = ["-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        permissions = [
            (
                "export_responses",
                _("Can export survey responses (one row per response, k-anonymous)"),
            ),
            (
                "export_free_text",
                _("Can include free-text answers in that export (scrubbed)"),
            ),
        ]

    def __str__(self):
        return f"{self.table} ({self.format}, {self.exported_on})"


class ApiToken(models.Model):
    """A council member's key to the council endpoints of the open API
    (/api/v1/), made on the account page and revocable. Only a hash of the
    key is kept; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_on = models.DateField(_("created on"), default=timezone.localdate)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)

    class Meta:
        app_label = "participation"
        ordering = ["-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return self.name
