import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker):
    """The demo without responses, loaded once for the module that asks for
    it and rolled back after it; each test runs in its own savepoint inside
    (``django_db``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", responses=0, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
