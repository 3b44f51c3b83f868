"""`manage.py aggregate_checksum [--language da]`: a SHA-256 over what the
council's catalogue discloses, and a keyed digest of the row count of every
model's table, as JSON.

For the backup and restore drill (TESTPLAN T29, docs/DEPLOY.md "Backup and
restore"): run it against the live database and against the restored copy,
e.g. ``DATABASE_URL=postgres://.../medborger_restore python manage.py
aggregate_checksum``. The same output means the copy holds as many rows in
every model's table and the council would see the same numbers in it.

Every table of the catalogue (``participation.council.catalogue.table_for_key``: each
survey question of each opened wave by each breakdown, unweighted and
weighted; participation by measure and year; representation by scope; each
indicator; the theme counts) is built at the council's threshold, so every
number passed the one disclosure function (``participation.stats.disclosure.
disclose``), and hashed as its JSON export (``participation.council.exports.
to_json``, the file the council downloads); ``checksum`` is the SHA-256
of the lines "<key> <digest>" sorted by key. Nothing undisclosed is hashed
or printed: the output holds digests and row counts only.

Rows are counted through the ORM for the table of every model (and
Django's migration record); tables without a model (the database cache) are
named, not counted. A count is printed only as an HMAC keyed with
SECRET_KEY (``count_digest``), never as a number: a count of responses or
withdrawals is a number about residents, and every such number leaving the
database passes disclosure control (SPEC §4.2). Two databases run with the
same settings give equal digests for equal counts, which is all the drill
compares, and the digest says which table differs. The drill machine must
therefore run with production's SECRET_KEY.

Read-only: all of it runs in one transaction that is rolled back at the end
(reading the disclosure settings makes their row if there is none), on
PostgreSQL in one REPEATABLE READ snapshot, so the counts and the tables
describe the same moment.
"""

import hashlib
import json

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import translation
from django.utils.crypto import salted_hmac

from participation.council import catalogue, exports
from participation.council.models import Indicator
from surveys.models import Question, QuestionKind


def catalogue_keys() -> list[str]:
    """The key of every table the council's catalogue can show now, in a
    fixed order."""
    keys = []
    waves = list(catalogue.explorer_waves().order_by("pk"))
    for wave in waves:
        questions = catalogue.explorer_questions(wave.survey_id).order_by("code")
        for code in questions.values_list("code", flat=True):
            for breakdown in catalogue.BREAKDOWNS:
                base = f"survey:{code}:{wave.pk}:{breakdown}"
                keys += [base, f"{base}:weighted"]
    for year in sorted(catalogue.participation_years(catalogue.participation_frame())):
        for measure in catalogue.PARTICIPATION_MEASURES:
            keys.append(f"participation:{measure}:{year}")
    keys += [f"representation:{scope}" for scope in catalogue.REPRESENTATION_SCOPES]
    indicators = Indicator.objects.order_by("code").values_list("code", flat=True)
    keys += [f"indicator:{code}" for code in indicators]
    text_questions = (
        Question.objects.filter(kind=QuestionKind.TEXT)
        .order_by("code")
        .values_list("code", flat=True)
        .distinct()
    )
    for question in ["all", *text_questions]:
        for wave in ["all", *(str(wave.pk) for wave in waves)]:
            keys.append(f"themes:{question}:{wave}")
    return keys


def row_counts() -> tuple[dict[str, int], list[str]]:
    """Rows in the table of every model (many-to-many tables and Django's
    record of applied migrations included), counted by the ORM, by table
    name; and the names of the database's other tables (the cache table)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.db_table] = model._base_manager.count()
    recorder = MigrationRecorder(connection)
    counts[recorder.Migration._meta.db_table] = recorder.migration_qs.count()
    others = sorted(set(connection.introspection.table_names()) - set(counts))
    return dict(sorted(counts.items())), others


def count_digest(table: str, count: int) -> str:
    """The printed form of a table's row count: an HMAC keyed with
    SECRET_KEY, so that equal counts compare equal without being shown."""
    return salted_hmac(
        "medborger.aggregate_checksum.rows", f"{table}:{count}", algorithm="sha256"
    ).hexdigest()


def aggregate_checksum(*, language: str) -> dict:
    """What the command prints: the catalogue's digests and the row counts,
    read in one transaction that is rolled back."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            # The first statement of the transaction: one snapshot for all.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        counts, others = row_counts()
        digests = {}
        with translation.override(language):
            policy = catalogue.policy()
            for key in catalogue_keys():
                table = catalogue.table_for_key(key, policy=policy)
                if table is not None:
                    digests[key] = hashlib.sha256(exports.to_json(table)).hexdigest()
        transaction.set_rollback(True)
    overall = hashlib.sha256(
        "".join(f"{key} {digest}\n" for key, digest in sorted(digests.items())).encode()
    ).hexdigest()
    return {
        "language": language,
        "k": policy.k,
        "tables": len(digests),
        "checksum": overall,
        "table_checksums": digests,
        "row_digests": {table: count_digest(table, n) for table, n in counts.items()},
        "tables_without_model": others,
    }


class Command(BaseCommand):
    help = (
        "Print, as JSON, a SHA-256 over the disclosed output of every table in "
        "the council's catalogue (each table's JSON export, at the council's "
        "threshold) and a keyed digest of the row count of every model's table. "
        "Read-only. Run "
        "it against a database and its restored backup: the same output means "
        "the restore is complete (docs/DEPLOY.md, Backup and restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            help="Language of the tables' labels (default: %(default)s).",
        )

    def handle(self, *args, language: str, **options):
        codes = [code for code, _name in settings.LANGUAGES]
        if language not in codes:
            raise CommandError(
                f"--language must be one of {', '.join(codes)}, not {language!r}."
            )
        result = aggregate_checksum(language=language)
        self.stdout.write(json.dumps(result, indent=1, sort_keys=True))
