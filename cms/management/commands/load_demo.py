"""`manage.py load_demo`: the demo municipality (pages in nine languages, the
representation survey, two waves, synthetic responses, associations and
public boards with their reports and activities, and the demo logins)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import loader


class Command(BaseCommand):
    help = "Load the demo municipality. Does nothing if it is already there."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2023)
        parser.add_argument(
            "--no-releases",
            dest="releases",
            action="store_false",
            help="leave out the releases of the council's tables and the public "
            "results made from them (for tests of the data alone)",
        )

    def handle(self, *args, responses, seed, releases=True, **options):
        with transaction.atomic():
            created = loader.load_demo(
                responses=responses, seed=seed, releases=releases
            )
        if created:
            self.stdout.write(self.style.SUCCESS("Demo municipality loaded."))
        else:
            self.stdout.write("Demo municipality already loaded; nothing changed.")
        for role, email, password in loader.DEMO_LOGINS:
            self.stdout.write(f"  {role}: {email} / {password}")
