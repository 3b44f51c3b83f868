"""`manage.py make_release [POPULATION ...] [--publish]`: make a release of
each population named (``wave:<id>``, ``reports:<year>``; all of them when
none is named) here and now, and with ``--publish`` publish it.

For operators and the demo; staff use Results → Releases in the admin. A
release that cannot be published (too few changes since the last one) is
kept audited and the reason printed; nothing about which figure blocks it.
"""

from django.core.management.base import BaseCommand, CommandError

from participation.council.releases import (
    Population,
    ReleaseError,
    populations,
    release_make,
    release_publish,
)


class Command(BaseCommand):
    help = "Make (and publish) releases of the council's tables."

    def add_arguments(self, parser):
        parser.add_argument(
            "populations", nargs="*", help="wave:<id> or reports:<year>"
        )
        parser.add_argument("--publish", action="store_true", help="publish each one")

    def handle(self, *args, codes: list[str], publish: bool, **options):
        chosen = [Population.parse(code) for code in codes] or populations()
        if None in chosen:
            raise CommandError("Name populations as wave:<id> or reports:<year>.")
        for population in chosen:
            try:
                release = release_make(population=population, now=True)
                done = f"release #{release.pk} of {population.code}: {release.status}"
                if publish:
                    release_publish(release=release)
                    done += ", published"
            except ReleaseError as error:
                self.stderr.write(f"{population.code}: {error}")
                continue
            self.stdout.write(done)
