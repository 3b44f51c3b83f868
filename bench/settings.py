"""Settings for the benchmark server: the product's settings plus the floor
views (bench/floor_urls.py). Nothing else changes, so the survey pages are
measured exactly as configured; the anti-automation limits are relaxed through
the environment (SURVEY_MIN_SECONDS, SURVEY_THROTTLE_POSTS) by bench/load.py.
"""

import os

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.floor_urls"

# bench/load.py collects static files into a temporary directory so the run
# never touches the repository's staticfiles/.
if os.environ.get("BENCH_STATIC_ROOT"):
    STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
