"""T28: the migrations that change existing data, run on a populated database.

The tests of surveys 0006 and participation 0002 migrate the test database
back to the state before the migration, fill it through the historical
models of that state (texts in Danish, Arabic, Tigrinya, Farsi and
Ukrainian; zero rows, a few rows and a few thousand), migrate forward, check
that the data is kept or changed as the migration says, migrate back and
check the rollback. surveys 0003 (the cache table) is applied and unapplied
on its own, see its test. The ``migrator`` fixture leaves the database fully
migrated, so the tests after these find the schema they expect.

django-test-migrations' Migrator is not used: it drops every table and
migrates from an empty database to the state before each tested migration,
which with Wagtail's hundred-odd migrations takes over 30 s per test on
SQLite. Django's MigrationExecutor, migrating only the app under test back
and forth, does the same in a second or a few.

Runs on SQLite and PostgreSQL. Durations are printed, never asserted.
"""

import datetime
import hashlib
import importlib
import time

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython, RunSQL

from participation.governance.management.commands import aggregate_checksum
from surveys import invitations
from surveys.models import Wave
from surveys.receipts import random_code

OUR_APPS = ("surveys", "participation", "cms")
CACHE_TABLE = "medborger_cache"

BEFORE_CACHE = ("surveys", "0002_choice_exclusive")
CACHE = ("surveys", "0003_cache_table")
BEFORE_USED_DELETED = ("surveys", "0005_lifecycle")
USED_DELETED = ("surveys", "0006_invitation_used_deleted")
BEFORE_WAVE_NAMES = ("surveys", "0007_response_pool")
WAVE_NAMES = ("surveys", "0008_wave_name_languages")
BEFORE_KINDS = ("participation", "0001_initial")
KINDS = ("participation", "0002_council_group_and_activity_kinds")
#: Every migration of our apps with a RunPython or RunSQL operation, and so
#: a test below.
DATA_MIGRATIONS = {CACHE, USED_DELETED, WAVE_NAMES, KINDS}

kinds_migration = importlib.import_module(
    "participation.migrations.0002_council_group_and_activity_kinds"
)

LANGS = ("da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl")
ORIGINS = ("danish", "immigrant", "descendant", "unknown")
COUNTRY_GROUPS = ("western", "non_western", "unknown")
#: Free-text answers as residents write them: RTL with a mark, Ge'ez
#: script, a zero-width non-joiner, Cyrillic, Danish letters, an emoji.
TEXTS = (
    "\u200fأشعر بأن صوتي مسموع في مجلس المدينة",
    "ኣብ ባይቶ ከተማ ድምጸይ ይስማዕ እዩ።",
    "می‌خواهم در شورا شرکت کنم",
    "Я хочу більше зустрічей українською",
    "Mere fællesskab i Aalborg Øst, tak! 🙂",
    "",
)


# --- migrating ---------------------------------------------------------------------


def _executor() -> MigrationExecutor:
    return MigrationExecutor(connection)


def migrate_to(*targets):
    """Migrate the test database to ``targets`` ((app, migration) pairs; an
    app's later migrations and those depending on them are unapplied) and
    return the historical models of the state it is in then."""
    state = _executor().migrate(list(targets))
    state.clear_delayed_apps_cache()
    return state.apps


def migrate_to_latest() -> None:
    executor = _executor()
    leaves = executor.loader.graph.leaf_nodes()
    if executor.migration_plan(leaves):
        executor.migrate(leaves)


def fully_migrated() -> bool:
    executor = _executor()
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


@pytest.fixture
def migrator(transactional_db):
    """``migrate_to``; afterwards the database is migrated to the latest state
    again (before pytest-django empties its tables)."""
    yield migrate_to
    migrate_to_latest()
    assert fully_migrated()


def timed(*targets) -> tuple[object, float]:
    start = time.perf_counter()
    apps = migrate_to(*targets)
    return apps, time.perf_counter() - start


# --- seeding through historical models ---------------------------------------------


def translations(field: str, texts: dict[str, str]) -> dict[str, str]:
    """The base column (Danish) and one column per language, as the
    historical models have them (django-modeltranslation's columns)."""
    return {field: texts["da"], **{f"{field}_{code}": t for code, t in texts.items()}}


def seed_instrument(apps, code="t28") -> dict:
    """A survey with an agreement, a multiple-choice, a number and a text
    question and two waves, through the fields every state since 0002 has."""
    survey = apps.get_model("surveys", "Survey").objects.create(
        code=code,
        **translations(
            "title",
            {
                "da": "Føler du dig repræsenteret?",
                "ar": "هل تشعر بأنك ممثل؟",
                "ti": "ከም ዝውከል ይስምዓካዶ?",
                "uk": "Чи почуваєтеся ви представленими?",
            },
        ),
        **translations(
            "consent", {"da": "Vi spørger anonymt.", "ar": "نسأل بشكل مجهول."}
        ),
    )
    section = apps.get_model("surveys", "Section").objects.create(
        survey=survey,
        code="feel",
        sort_order=0,
        **translations("title", {"da": "Følelser", "ar": "المشاعر", "ti": "ስምዒታት"}),
    )
    Question = apps.get_model("surveys", "Question")

    def question(code, kind, order, texts):
        return Question.objects.create(
            survey=survey,
            section=section,
            code=code,
            kind=kind,
            sort_order=order,
            **translations("text", texts),
        )

    agree = question(
        "represented",
        "agree",
        0,
        {
            "da": "Jeg føler mig repræsenteret.",
            "ar": "أشعر بأنني ممثل.",
            "ti": "ከም ዝውከል ይስምዓኒ።",
        },
    )
    kinds = question(
        "kinds",
        "multi",
        1,
        {"da": "Hvad deltager du i?", "fa": "در چه چیزی شرکت می‌کنید؟"},
    )
    for order, (choice, labels) in enumerate(
        kinds_migration.KINDS[:4]  # the same nine-language names
    ):
        apps.get_model("surveys", "Choice").objects.create(
            question=kinds,
            code=choice,
            sort_order=order,
            exclusive=False,
            **translations("label", labels),
        )
    hours = question("hours", "number", 2, {"da": "Timer om måneden", "so": "Saacado"})
    comment = question("comment", "text", 3, {"da": "Kommentar", "ar": "تعليق"})
    Wave = apps.get_model("surveys", "Wave")
    waves = [
        Wave.objects.create(
            survey=survey,
            code="w2023",
            name="Baseline 2023",
            opens_on=datetime.date(2023, 3, 1),
            closes_on=datetime.date(2023, 4, 30),
        ),
        Wave.objects.create(
            survey=survey,
            code="w2025",
            name="Måling 2025 · قياس ٢٠٢٥",
            opens_on=datetime.date(2025, 3, 1),
            closes_on=datetime.date(2025, 4, 30),
        ),
    ]
    return {
        "survey": survey,
        "waves": waves,
        "agree": agree,
        "kinds": kinds,
        "hours": hours,
        "comment": comment,
    }


def insert_rows(model, columns: list[str], rows) -> None:
    """Bulk insert below the ORM, in one transaction: COPY on PostgreSQL,
    one executemany on SQLite. Many times faster than bulk_create for the
    tens of thousands of rows seeded here."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    names = ", ".join(qn(column) for column in columns)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608
                list(rows),
            )


def seed_responses(apps, instrument, number: int, *, prefix="r") -> None:
    """``number`` responses in every language across both waves, each with an
    agreement, one or two choices, a number and (every other) a text."""
    if not number:
        return
    SurveyResponse = apps.get_model("surveys", "SurveyResponse")
    waves = instrument["waves"]
    day = connection.ops.adapt_datefield_value
    insert_rows(
        SurveyResponse,
        [
            "wave_id",
            "language",
            "channel",
            "submitted_on",
            "origin",
            "country_group",
            "receipt_hash",
        ],
        (
            (
                waves[i % 2].pk,
                LANGS[i % len(LANGS)],
                "paper" if i % 7 == 0 else "web",
                day(waves[i % 2].opens_on + datetime.timedelta(days=i % 30)),
                ORIGINS[i % len(ORIGINS)],
                COUNTRY_GROUPS[i % len(COUNTRY_GROUPS)],
                hashlib.sha256(f"{prefix}{i}".encode()).hexdigest(),
            )
            for i in range(number)
        ),
    )
    pks = SurveyResponse.objects.filter(wave__survey=instrument["survey"]).order_by(
        "pk"
    )
    choices = [code for code, _names in kinds_migration.KINDS[:4]]
    agree, kinds, hours, comment = (
        instrument[key].pk for key in ("agree", "kinds", "hours", "comment")
    )
    answers = []
    for i, pk in enumerate(pks.values_list("pk", flat=True)):
        answers.append((pk, agree, str(i % 5 + 1), None, ""))
        answers.append((pk, kinds, choices[i % 4], None, ""))
        if i % 3 == 0:
            answers.append((pk, kinds, choices[(i + 1) % 4], None, ""))
        answers.append((pk, hours, "", i, ""))
        if i % 2 == 0:
            answers.append((pk, comment, "", None, TEXTS[i % len(TEXTS)]))
    insert_rows(
        apps.get_model("surveys", "Answer"),
        ["response_id", "question_id", "choice", "number", "text"],
        answers,
    )


def snapshot(apps, app_label: str, *names, fields=None) -> dict:
    """Every row of each model, all columns (or the ``fields`` of an earlier
    snapshot), in primary-key order."""
    out = {}
    for name in names:
        model = apps.get_model(app_label, name)
        columns = (fields or {}).get(name) or [
            f.attname for f in model._meta.concrete_fields
        ]
        out[name] = (
            columns,
            list(model.objects.order_by("pk").values_list(*columns)),
        )
    return out


def same_rows(after: dict, before: dict) -> bool:
    return {k: v[1] for k, v in after.items()} == {k: v[1] for k, v in before.items()}


def columns_of(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {
            column.name
            for column in connection.introspection.get_table_description(cursor, table)
        }


SURVEY_MODELS = ("Survey", "Section", "Question", "Choice", "Wave")
RESPONSE_MODELS = ("SurveyResponse", "Answer")


# --- the list of data migrations ---------------------------------------------------


def test_t28_every_data_migration_of_ours_is_tested_here():
    """A new RunPython or RunSQL in surveys/, participation/ or cms/ fails
    here until this file seeds the state before it and checks it."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = {
        key
        for key, migration in loader.disk_migrations.items()
        if key[0] in OUR_APPS
        and any(isinstance(op, RunPython | RunSQL) for op in migration.operations)
    }
    assert found == DATA_MIGRATIONS


# --- surveys 0006: used invitation codes deleted, the flag dropped ------------------


def make_codes(number: int) -> list[str]:
    codes: set[str] = set()
    while len(codes) < number:
        codes.add(random_code(invitations.CODE_LENGTH))
    return sorted(codes)


#: (what, unused codes, used codes, responses), each added to what the cases
#: before it left: the first runs over empty tables.
CASES_0006 = [
    ("no rows", 0, 0, 0),
    ("only used codes", 0, 3, 3),
    ("only unused codes", 4, 0, 0),
    ("thousands", 2500, 2500, 2500),
]


def old_wave(pk: int) -> Wave:
    """The application's Wave read at a state before surveys 0008 (no name
    per language yet): only the columns every state has."""
    return Wave.objects.only("id", "survey", "code", "opens_on", "closes_on").get(pk=pk)


def check_0006(apps, case, unused, used, responses):
    """Seed one case in the state before 0006, migrate forward and back and
    check both; returns the historical models after the rollback, which is
    the state before 0006 again, for the next case."""
    Invitation = apps.get_model("surveys", "Invitation")
    waves = []
    if unused or used or responses:
        instrument = seed_instrument(apps, code=f"t28-{case.replace(' ', '-')}")
        seed_responses(apps, instrument, responses, prefix=case)
        waves = instrument["waves"]
    codes = make_codes(unused + used)
    unused_codes, used_codes = codes[:unused], codes[unused:]
    code_wave = {code: waves[i % 2].pk for i, code in enumerate(codes)}
    Invitation.objects.bulk_create(
        [
            Invitation(
                wave_id=code_wave[code],
                code_hash=invitations.code_hash(code),
                used=code in used_codes,
            )
            for code in codes
        ],
        batch_size=2000,
    )
    kept = list(
        Invitation.objects.filter(used=False)
        .order_by("pk")
        .values_list("pk", "wave_id", "code_hash")
    )
    survey_rows = snapshot(apps, "surveys", *SURVEY_MODELS)
    response_rows = snapshot(apps, "surveys", *RESPONSE_MODELS)
    assert len(response_rows["SurveyResponse"][1]) >= responses, case

    apps = migrate_to(USED_DELETED)

    assert "used" not in columns_of("surveys_invitation"), case
    Invitation = apps.get_model("surveys", "Invitation")
    after = Invitation.objects.order_by("pk").values_list("pk", "wave_id", "code_hash")
    assert list(after) == kept, case
    assert same_rows(snapshot(apps, "surveys", *RESPONSE_MODELS), response_rows), case
    assert same_rows(snapshot(apps, "surveys", *SURVEY_MODELS), survey_rows), case
    # The application's own check: a used code stays used, an unused one works.
    for code in used_codes[:3]:
        with pytest.raises(invitations.InvitationRefused):
            invitations.invitation_check(wave=old_wave(code_wave[code]), code=code)
    for code in unused_codes[:3]:
        wave = old_wave(code_wave[code])
        assert invitations.invitation_check(wave=wave, code=code) == (
            invitations.code_hash(code)
        ), case

    apps = migrate_to(BEFORE_USED_DELETED)  # the rollback

    assert "used" in columns_of("surveys_invitation"), case
    Invitation = apps.get_model("surveys", "Invitation")
    # The deleted codes do not come back (nothing holds them any more); the
    # column returns as "not used" for the codes that are left.
    rolled_back = Invitation.objects.order_by("pk").values_list(
        "pk", "wave_id", "code_hash", "used"
    )
    assert list(rolled_back) == [(*row, False) for row in kept], case
    assert same_rows(snapshot(apps, "surveys", *RESPONSE_MODELS), response_rows), case
    assert same_rows(snapshot(apps, "surveys", *SURVEY_MODELS), survey_rows), case
    return apps


def test_t28_0006_deletes_used_codes_and_keeps_everything_else(migrator):
    """Each case forward and back, one after the other (the rollback of one
    case is the state before 0006 for the next, which saves migrating)."""
    apps = migrator(BEFORE_USED_DELETED)
    Invitation = apps.get_model("surveys", "Invitation")
    assert "used" in columns_of("surveys_invitation")
    assert not Invitation.objects.exists()
    assert not apps.get_model("surveys", "SurveyResponse").objects.exists()
    for case in CASES_0006:
        apps = check_0006(apps, *case)

    # Forward again over the rolled-back state: nothing more is deleted.
    codes = apps.get_model("surveys", "Invitation").objects.count()
    assert codes == sum(unused for _case, unused, _used, _n in CASES_0006)
    responses = snapshot(apps, "surveys", *RESPONSE_MODELS)
    apps = migrator(USED_DELETED)
    assert apps.get_model("surveys", "Invitation").objects.count() == codes
    assert same_rows(snapshot(apps, "surveys", *RESPONSE_MODELS), responses)
    assert len(responses["SurveyResponse"][1]) == sum(n for *_case, n in CASES_0006)


def test_t28_0008_a_waves_name_becomes_its_danish_name(migrator):
    """The name staff typed before waves had a name per language is the
    Danish one (the fallback of every other language); the rollback drops
    the new columns and keeps the name."""
    apps = migrator(BEFORE_WAVE_NAMES)
    instrument = seed_instrument(apps, code="t28-wave-names")
    names = {wave.pk: wave.name for wave in instrument["waves"]}
    assert names and all(names.values())
    apps = migrator(WAVE_NAMES)
    waves = apps.get_model("surveys", "Wave").objects.filter(pk__in=names)
    assert {w.pk: (w.name, w.name_da, w.name_ti) for w in waves} == {
        pk: (name, name, None) for pk, name in names.items()
    }
    apps = migrator(BEFORE_WAVE_NAMES)
    assert "name_da" not in columns_of("surveys_wave")
    waves = apps.get_model("surveys", "Wave").objects.filter(pk__in=names)
    assert {w.pk: w.name for w in waves} == names


def test_t28_0006_on_a_larger_database(migrator, capsys):
    """20,000 responses with their answers and 40,000 codes (half used): the
    migration deletes the used half; its duration is printed (the DELETE is
    proportional to the used codes; PostgreSQL's DROP COLUMN only changes
    the catalogue, SQLite copies the invitation table)."""
    number = 20_000
    apps = migrator(BEFORE_USED_DELETED)
    start = time.perf_counter()
    instrument = seed_instrument(apps, code="t28-large")
    seed_responses(apps, instrument, number, prefix="large")
    insert_rows(
        apps.get_model("surveys", "Invitation"),
        ["wave_id", "code_hash", "used"],
        (
            (
                instrument["waves"][i % 2].pk,
                hashlib.sha256(f"code{i}".encode()).hexdigest(),
                i % 2 == 0,
            )
            for i in range(2 * number)
        ),
    )
    seeded = time.perf_counter() - start
    Answer = apps.get_model("surveys", "Answer")
    answers = Answer.objects.count()
    assert apps.get_model("surveys", "SurveyResponse").objects.count() == number

    apps, forward = timed(USED_DELETED)
    Invitation = apps.get_model("surveys", "Invitation")
    assert Invitation.objects.count() == number
    assert apps.get_model("surveys", "Answer").objects.count() == answers
    _apps, backward = timed(BEFORE_USED_DELETED)
    assert apps.get_model("surveys", "Invitation").objects.count() == number

    with capsys.disabled():
        print(  # noqa: T201
            f"\nT28 surveys 0006 on {connection.vendor}: {number:,} responses, "
            f"{answers:,} answers, {2 * number:,} invitation codes ({number:,} "
            f"used); seeded in {seeded:.2f} s; forward {forward:.3f} s, "
            f"back {backward:.3f} s"
        )


# --- surveys 0003: the database cache table ----------------------------------------


def test_t28_0003_makes_and_drops_the_cache_table_around_existing_data(
    transactional_db,
):
    """0003 is applied and unapplied on its own, on the latest schema: it
    reads no model, and taking the database back to before it would unapply
    eleven migrations of surveys and participation (4.5 s on SQLite) to test
    one createcachetable. Forward over a table that is already there (a
    database where someone ran createcachetable, or a second run) keeps its
    entries; backward drops the table; forward again makes a working one.
    No other table changes."""
    loader = MigrationLoader(connection)
    migration = loader.get_migration(*CACHE)
    state = loader.project_state(BEFORE_CACHE)
    cache = DatabaseCache(CACHE_TABLE, {"OPTIONS": {"MAX_ENTRIES": 10_000}})
    entries = {
        f"t28:{i}": f"{TEXTS[i % len(TEXTS)]} · ስፖርት · رياضة · {i}" for i in range(2000)
    }
    with transaction.atomic():
        cache.set_many(entries, timeout=600)
    counts = row_counts()

    def run(direction):
        with connection.schema_editor(atomic=migration.atomic) as editor:
            getattr(migration, direction)(state.clone(), editor)

    try:
        run("apply")
        assert cache.get_many(list(entries)) == entries

        run("unapply")
        assert CACHE_TABLE not in connection.introspection.table_names()
        assert row_counts() == counts

        run("apply")
        assert cache.get_many(list(entries)) == {}
        cache.set("t28", "ስፖርት · رياضة · Idræt")
        assert cache.get("t28") == "ስፖርት · رياضة · Idræt"
        assert row_counts() == counts
    finally:
        if CACHE_TABLE not in connection.introspection.table_names():
            run("apply")
    assert fully_migrated()


def row_counts() -> dict[str, int]:
    """Rows in every model's table and Django's migration record, counted by
    the ORM (the backup drill's own count, aggregate_checksum); the cache
    table has no model, so it is not among them."""
    counts, _without_model = aggregate_checksum.row_counts()
    return counts


# --- participation 0002: the council group and the activity kinds -------------------


def seed_participation(apps, *, staff_kinds: bool):
    """An association in Aalborg Øst with two activities; with
    ``staff_kinds`` the kinds "sport" (renamed by staff) and a kind of
    staff's own exist before the migration, as does the council group."""
    Group = apps.get_model("auth", "Group")
    ActivityKind = apps.get_model("participation", "ActivityKind")
    apps.get_model("participation", "Activity").objects.all().delete()
    ActivityKind.objects.all().delete()
    Group.objects.filter(name=kinds_migration.COUNCIL_GROUP).delete()
    if not staff_kinds:
        return None
    Group.objects.create(name=kinds_migration.COUNCIL_GROUP)
    sport = ActivityKind.objects.create(
        code="sport",
        sort_order=42,
        **translations("name", {"da": "Idræt", "ar": "رياضة قديمة"}),
    )
    cafe = ActivityKind.objects.create(
        code="lektiecafe",
        sort_order=9,
        **translations(
            "name",
            {
                "da": "Lektiecafé",
                "ar": "مقهى الواجبات المدرسية",
                "ti": "ካፌ ናይ ገዛ ዕዮ",
                "fa": "کافه‌ی تکلیف",
            },
        ),
    )
    neighbourhood = apps.get_model("participation", "Neighbourhood").objects.create(
        code="aalborg-ost",
        **translations(
            "name", {"da": "Aalborg Øst", "ar": "آلبورغ الشرقية", "ti": "ኣልቦርግ ምብራቕ"}
        ),
    )
    association = apps.get_model("participation", "Association").objects.create(
        name="الجمعية الثقافية · ማሕበር ባህሊ",
        kind="culture",
        contact_email="forening@example.org",
        status="approved",
        neighbourhood=neighbourhood,
    )
    Activity = apps.get_model("participation", "Activity")
    for kind, title in ((sport, "Fodbold · ኩዑሶ እግሪ"), (cafe, "واجبات")):
        Activity.objects.create(
            association=association,
            kind=kind,
            neighbourhood=neighbourhood,
            title=title,
            date=datetime.date(2024, 5, 1),
            participants_total=12,
            participants_danish=5,
            participants_immigrant=7,
            languages=["ar", "ti"],
        )
    return {"sport": sport.pk, "lektiecafe": cafe.pk}


def assert_seeded_kinds(apps, staff):
    kinds = {
        k.code: k for k in apps.get_model("participation", "ActivityKind").objects.all()
    }
    assert len(kinds) == len(kinds_migration.KINDS) + (1 if staff else 0)
    for order, (code, names) in enumerate(kinds_migration.KINDS):
        kind = kinds[code]
        assert (kind.sort_order, kind.name) == (order, names["da"])
        assert {lang: getattr(kind, f"name_{lang}") for lang in LANGS} == names
    assert kinds["sport"].name_ti == "ስፖርት"
    assert kinds["course"].name_ar == "دورة تدريبية"
    assert (
        apps.get_model("auth", "Group")
        .objects.filter(name=kinds_migration.COUNCIL_GROUP)
        .count()
        == 1
    )
    return kinds


def test_t28_participation_0002_seeds_kinds_in_nine_languages(migrator):
    # A new database: no kinds, no council group.
    apps = migrator(BEFORE_KINDS)
    seed_participation(apps, staff_kinds=False)

    apps = migrator(KINDS)

    assert_seeded_kinds(apps, staff=False)
    seeded = snapshot(apps, "participation", "ActivityKind")
    apps = migrator(BEFORE_KINDS)  # the rollback keeps the kinds
    assert same_rows(snapshot(apps, "participation", "ActivityKind"), seeded)

    # A database where staff had made the group, a kind with the code of a
    # seeded one and a kind of their own, with activities of both.
    pks = seed_participation(apps, staff_kinds=True)
    Group = apps.get_model("auth", "Group")
    group_pk = Group.objects.get(name=kinds_migration.COUNCIL_GROUP).pk
    staff_rows = snapshot(
        apps, "participation", "Neighbourhood", "Association", "Activity"
    )
    kinds_before = snapshot(apps, "participation", "ActivityKind")["ActivityKind"][1]

    apps = migrator(KINDS)

    kinds = assert_seeded_kinds(apps, staff=True)
    # The kind that existed keeps its row (activities point at it) and gets
    # the nine names; staff's own kind is left alone; so is the group.
    assert kinds["sport"].pk == pks["sport"]
    kinds_after = snapshot(apps, "participation", "ActivityKind")["ActivityKind"][1]
    assert [row for row in kinds_after if row[0] == pks["lektiecafe"]] == [
        row for row in kinds_before if row[0] == pks["lektiecafe"]
    ]
    assert kinds["lektiecafe"].name_ti == "ካፌ ናይ ገዛ ዕዮ"
    Group = apps.get_model("auth", "Group")
    assert Group.objects.get(name=kinds_migration.COUNCIL_GROUP).pk == group_pk
    assert same_rows(
        snapshot(apps, "participation", "Neighbourhood", "Association", "Activity"),
        staff_rows,
    )
    seeded = snapshot(apps, "participation", "ActivityKind")

    apps = migrator(BEFORE_KINDS)  # the rollback

    assert same_rows(snapshot(apps, "participation", "ActivityKind"), seeded)
    assert same_rows(
        snapshot(apps, "participation", "Neighbourhood", "Association", "Activity"),
        staff_rows,
    )

    apps = migrator(KINDS)  # forward again: no second copy of anything

    assert same_rows(snapshot(apps, "participation", "ActivityKind"), seeded)
    assert_seeded_kinds(apps, staff=True)
