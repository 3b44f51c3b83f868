"""Settings for the test suite: the same as the site, with these overrides."""

from .settings import *  # noqa: F403

# Manifest storage needs collectstatic first; tests render templates without it.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Fast hashing: tests create users, they do not defend against cracking.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Mail is collected in django.core.mail.outbox, never printed.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Whitenoise would otherwise scan STATIC_ROOT at start-up, which tests never build.
WHITENOISE_AUTOREFRESH = True
# Tests post at machine speed from one address; tests/surveys/
# test_antiautomation.py switches both guards back on.
SURVEY_MIN_SECONDS = 0
SURVEY_THROTTLE_POSTS = 1_000_000
# Tests change figures without the signals a staff edit sends (rows made
# directly, rolled back after each test, and SQLite reuses their ids): compute
# the council's pages and the language switcher afresh.
COUNCIL_MEMO_SECONDS = 0
PAGE_LINKS_MEMO_SECONDS = 0
# Background tasks run at once, in the test's transaction (the database
# queue needs a worker process): a release staff make in the admin is made
# when the request's transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
