"""Associations and public boards, the representatives who speak for them,
their yearly composition reports and their activities.

Only counts are stored, never a named person with a background (SPEC §3.2).
A composition report for one association is still personal data (a board of
five with one immigrant identifies that person), so nothing here is shown to
the council or the public except through the cross-association aggregates of
the council pages, which pass disclosure control.

Every model keeps the app label "participation" (its table, permissions and
migrations did not move when the code moved here; docs/ARCHITECTURE.md).
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from participation.associations.cvr import validate_cvr
from participation.stats.aggregates import Composition
from surveys.origin import ORIGINS


class CodedName(models.Model):
    """A name under a stable code, in staff's order: the vocabularies staff
    may extend (neighbourhoods, activity kinds, the themes of open answers).
    Records keep the code; the name is translated (django-modeltranslation,
    each child's translation.py)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        app_label = "participation"
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class Neighbourhood(CodedName):
    """A part of the municipality. The code matches the survey's neighbourhood
    choice codes, so survey answers and activities can be read side by side.
    The name is translated (django-modeltranslation)."""

    class Meta(CodedName.Meta):
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")


class ActivityKind(CodedName):
    """A kind of activity (event, course, mentoring, festival ...). Staff may
    add kinds; activities keep the stable code."""

    class Meta(CodedName.Meta):
        verbose_name = _("activity kind")
        verbose_name_plural = _("activity kinds")


class AssociationKind(models.TextChoices):
    """What a unit is. The first group are associations a representative may
    register; the second are public boards that staff set up."""

    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Culture")
    RELIGIOUS = "religious", _("Religious community")
    VOLUNTEERING = "volunteering", _("Volunteering")
    RESIDENTS = "residents", _("Residents' democracy (beboerdemokrati)")
    PARENTS = "parents", _("Parents' and pupils' organisation")
    OTHER = "other", _("Other association")
    SCHOOL_BOARD = "school_board", _("School board (skolebestyrelse)")
    DAYCARE_BOARD = "daycare_board", _("Day-care board (dagtilbudsbestyrelse)")
    HOUSING_BOARD = "housing_board", _("Housing-section board (afdelingsbestyrelse)")
    LOCAL_COUNCIL = "local_council", _("Local council (lokalråd)")


PUBLIC_BOARD_KINDS = frozenset(
    {
        AssociationKind.SCHOOL_BOARD,
        AssociationKind.DAYCARE_BOARD,
        AssociationKind.HOUSING_BOARD,
        AssociationKind.LOCAL_COUNCIL,
    }
)
ASSOCIATION_KINDS = [k for k in AssociationKind if k not in PUBLIC_BOARD_KINDS]
ASSOCIATION_KIND_CHOICES = [(k.value, k.label) for k in ASSOCIATION_KINDS]


class Status(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Association(models.Model):
    """An association (forening) or a public board. Representatives request
    associations; staff approve them and set up public boards."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AssociationKind)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        verbose_name=_("neighbourhood"),
        related_name="associations",
    )
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("Optional. The eight digits from the Danish business register."),
    )
    description = models.TextField(_("description"), blank=True, max_length=2000)
    contact_email = models.EmailField(
        _("contact e-mail"), help_text=_("Not shown publicly.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    request_note = models.TextField(
        _("note with the request"), blank=True, max_length=2000
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        app_label = "participation"
        ordering = ["name"]
        verbose_name = _("association or board")
        verbose_name_plural = _("associations and boards")
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return self.name

    @property
    def is_public_board(self) -> bool:
        return self.kind in PUBLIC_BOARD_KINDS


class Representation(models.Model):
    """A user speaking for an association: requested by the user (or created
    by staff), approved by staff. Only an approved representation gives
    access."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("user"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("association or board"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING
    )
    note = models.TextField(_("note with the request"), blank=True, max_length=2000)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        app_label = "participation"
        ordering = ["-requested_at"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"], name="one_representation_per_user"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.association}"


# The composition columns: members by origin group × age group, board members
# by origin group × gender. Counted in the database, so they are columns.
AGES = ("child", "adult")
GENDERS = ("woman", "man", "other")
#: A composition report's count columns (``members_<origin>_<age>``,
#: ``board_<origin>_<gender>``), the origins from surveys/origin.py.
COMPOSITION = Composition(origins=ORIGINS, ages=AGES, genders=GENDERS)
MEMBER_FIELDS = COMPOSITION.member_fields
BOARD_FIELDS = COMPOSITION.board_fields
COUNT_FIELDS = MEMBER_FIELDS + BOARD_FIELDS


def _count_field(verbose_name):
    return models.PositiveIntegerField(
        verbose_name, default=0, validators=[MaxValueValidator(10**6)]
    )


def _sum(fields):
    total = F(fields[0])
    for name in fields[1:]:
        total = total + F(name)
    return total


class CompositionReport(models.Model):
    """One association's or board's composition in one year: members by
    origin group and age group, board members by origin group and gender.
    Corrected in place; every save bumps ``version`` (a save made against an
    older version is a conflict) and leaves a CompositionRevision."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("association or board"),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000)]
    )
    board_size = models.PositiveIntegerField(_("board size"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Members by origin group × age group.
    members_danish_child = _count_field(_("members, Danish origin, under 18"))
    members_danish_adult = _count_field(_("members, Danish origin, 18 and over"))
    members_immigrant_child = _count_field(_("members, immigrants, under 18"))
    members_immigrant_adult = _count_field(_("members, immigrants, 18 and over"))
    members_descendant_child = _count_field(_("members, descendants, under 18"))
    members_descendant_adult = _count_field(_("members, descendants, 18 and over"))
    members_unknown_child = _count_field(_("members, origin not known, under 18"))
    members_unknown_adult = _count_field(_("members, origin not known, 18 and over"))
    # Board members by origin group × gender.
    board_danish_woman = _count_field(_("board members, Danish origin, women"))
    board_danish_man = _count_field(_("board members, Danish origin, men"))
    board_danish_other = _count_field(
        _("board members, Danish origin, other or not stated")
    )
    board_immigrant_woman = _count_field(_("board members, immigrants, women"))
    board_immigrant_man = _count_field(_("board members, immigrants, men"))
    board_immigrant_other = _count_field(
        _("board members, immigrants, other or not stated")
    )
    board_descendant_woman = _count_field(_("board members, descendants, women"))
    board_descendant_man = _count_field(_("board members, descendants, men"))
    board_descendant_other = _count_field(
        _("board members, descendants, other or not stated")
    )
    board_unknown_woman = _count_field(_("board members, origin not known, women"))
    board_unknown_man = _count_field(_("board members, origin not known, men"))
    board_unknown_other = _count_field(
        _("board members, origin not known, other or not stated")
    )

    class Meta:
        app_label = "participation"
        ordering = ["-year"]
        verbose_name = _("composition report")
        verbose_name_plural = _("composition reports")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "year"], name="one_report_per_year"
            ),
            # The board's counts add up to its size (TESTPLAN T13); the counts
            # are PositiveIntegerFields, which carry their own >= 0 check.
            models.CheckConstraint(
                condition=Q(board_size=_sum(BOARD_FIELDS)),
                name="board_counts_add_up",
            ),
        ]

    def __str__(self):
        return f"{self.association} {self.year}"

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in ("board_size", *COUNT_FIELDS)}


class CompositionRevision(models.Model):
    """The history of a report: who saved which version, when, and what
    changed (field → [before, after])."""

    report = models.ForeignKey(
        CompositionReport, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict)

    class Meta:
        app_label = "participation"
        ordering = ["report", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "version"], name="one_revision_per_version"
            )
        ]

    def __str__(self):
        return f"{self.report} v{self.version}"


class Activity(models.Model):
    """Something an association did: how many took part, by origin group
    where known (what is not known is counted as such)."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("association or board"),
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    kind = models.ForeignKey(
        ActivityKind, on_delete=models.PROTECT, verbose_name=_("kind of activity")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.PROTECT, verbose_name=_("neighbourhood")
    )
    participants_total = models.PositiveIntegerField(
        _("participants in total"), validators=[MaxValueValidator(10**6)]
    )
    participants_danish = models.PositiveIntegerField(_("of Danish origin"), default=0)
    participants_immigrant = models.PositiveIntegerField(_("immigrants"), default=0)
    participants_descendant = models.PositiveIntegerField(_("descendants"), default=0)
    participants_unknown = models.PositiveIntegerField(_("origin not known"), default=0)
    volunteers = models.PositiveIntegerField(
        _("volunteers"), default=0, validators=[MaxValueValidator(10**5)]
    )
    languages = models.JSONField(_("languages used"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "participation"
        ordering = ["-date", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    participants_total=F("participants_danish")
                    + F("participants_immigrant")
                    + F("participants_descendant")
                    + F("participants_unknown")
                ),
                name="participants_add_up",
            )
        ]

    def __str__(self):
        return self.title
