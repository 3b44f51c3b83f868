import io

import pytest
from django.core.management import call_command

from tests.demo_db import demo_database


def load_pages() -> None:
    call_command("load_demo", responses=0, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker, demo_store):
    """The demo without responses, for the module that asks for it and gone
    after it (loaded once per run: tests/demo_db.py); each test runs in its
    own savepoint inside (``django_db``)."""
    with demo_database(
        "pages", load_pages, blocker=django_db_blocker, store=demo_store
    ):
        yield
