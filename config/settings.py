"""Settings for Medborger, read from environment variables (django-environ).

Defaults give a working local site on SQLite with DEBUG off; production
(config.settings_production) refuses to start without a real SECRET_KEY.
"""

from pathlib import Path

import environ
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# An insecure key is fine for the demo and tests only; production overrides.
INSECURE_DEV_KEY = "django-insecure-medborger-demo-key-never-use-in-production"
SECRET_KEY = env.str("SECRET_KEY", default=INSECURE_DEV_KEY)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must come before any app whose admin it patches.
    "modeltranslation",
    "config",
    "cms",
    "participation",
    "participation.associations",
    "participation.council",
    "participation.governance",
    "surveys",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",  # whitenoise serves static files in runserver too
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    # Background work (heavy council tables, participation/council/prepared.py; and
    # Wagtail's own index updates): the queue lives in the database and
    # `manage.py db_worker` runs it (docs/DEPLOY.md).
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "config.middleware.RememberLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "config.middleware.SessionTimeoutMiddleware",
    "participation.associations.middleware.RequireMFAMiddleware",
    "config.middleware.SiteCSPMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# An empty DATABASE_URL counts as unset.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    ),
}
# Persistent connections on PostgreSQL; SQLite gains nothing from them.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache every web process shares (throttles, allauth's rate limits): the
# database by default, Redis when REDIS_URL is set.
if env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("REDIS_URL"),
            "KEY_PREFIX": "medborger",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "medborger_cache",
        }
    }

# Background tasks (django-tasks): queued in the database, run by
# `manage.py db_worker` processes beside the web processes, so making a
# release of the council's tables never holds a web worker
# (participation/council/releases, docs/DEPLOY.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# --- Languages -------------------------------------------------------------
# Adding a language: add it here (and to LANG_INFO if Django lacks it), add
# its .po file under locale/, run makemigrations for the translated columns.
LANG_INFO.update(
    {
        "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
    }
)
LANGUAGE_CODE = "da"
LANGUAGES = [
    ("da", _("Danish")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian")),
    ("so", _("Somali")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ti", _("Tigrinya")),
    ("pl", _("Polish")),
]
# Our own catalogs first; then catalogs for libraries that ship none in a
# language we serve (allauth has no Somali or Tigrinya).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_vendor"]
USE_I18N = True
# Date and number formats for the languages Django has none for (so, ti).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("da", "Dansk"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "da"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("da",)

# --- Static files ----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Medborger"
# No avatars from gravatar.com: the product runs on a closed network, and a
# staff member's e-mail hash should not leave it.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
# Every login goes through allauth, the admin's included, and so does the
# login a private page sends its visitors to (SPEC §4.5: one door in).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords and e-mail addresses are allauth's too: its reset counts failures
# and answers alike for unknown addresses, a change is mailed to the person,
# and a new address is verified first. The Wagtail admin's own forms for
# these would be side doors around all of that.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "xlsx"]

# --- Accounts (django-allauth) -------------------------------------------------
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# People are greeted by their e-mail address, not the username allauth makes up.
ACCOUNT_USER_DISPLAY = "participation.associations.access.user_display"
# URL names, so the login and the landing page are in the visitor's language.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "participation:home"
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="medborger@localhost")
# Login, password reset and sign-up answer alike whether or not an account
# exists for the e-mail (T20). allauth's default, stated so nobody turns it off.
ACCOUNT_PREVENT_ENUMERATION = True
# ACCOUNT_RATE_LIMITS is left at allauth's defaults (login_failed
# "10/m/ip,5/300s/key", reset_password, signup ...): they count in the default
# cache above, which every web process shares (T20).
# They count per client address. Behind N reverse proxies every request comes
# from the nearest proxy, so one person's failures would lock out everyone:
# set this to N and allauth reads the client from X-Forwarded-For, trusting
# only the N hops the proxies appended (docs/DEPLOY.md).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)
# Signing out only by POST, so a link or an image cannot sign anyone out.
ACCOUNT_LOGOUT_ON_GET = False
# A changed password ends this session too (Django already ends the others).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
# No "remember me": a session ends with the browser, and at the latest after
# SESSION_COOKIE_AGE (shared computers in libraries and housing areas).
ACCOUNT_SESSION_REMEMBER = False
# People hear by e-mail when their password, e-mail or second factor changes,
# so a take-over does not go unnoticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Staff and council members must have a TOTP authenticator
# (participation.associations.middleware.RequireMFAMiddleware); recovery codes
# for a lost phone.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The name authenticator apps show beside the code.
MFA_TOTP_ISSUER = WAGTAIL_SITE_NAME
# Absolute limit on a signed-in session: one working day, counted from sign-in
# by config.middleware.SessionTimeoutMiddleware, not moved by activity.
SESSION_COOKIE_AGE = 8 * 3600
# A signed-in session left alone this long ends (same middleware).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=3600)

# --- Security headers --------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
# The Wagtail admin needs inline scripts and styles, data: images and to
# frame its own previews; residents' pages need none of that
# (config.middleware.SiteCSPMiddleware loosens exactly these for /admin/).
CONTENT_SECURITY_POLICY_ADMIN_PREFIX = "/admin/"
CONTENT_SECURITY_POLICY_ADMIN_UPDATE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "frame-src": ["'self'"],
}
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {"frame-ancestors": ["'self'"]}

# --- Survey policy -------------------------------------------------------------
# How long a web process keeps the council overview's indicator summaries
# (config/memo.py); staff's edits reach the page at once anyway.
COUNCIL_MEMO_SECONDS = env.int("COUNCIL_MEMO_SECONDS", default=60)
# ... and the language switcher's links (config/page_links.py); any change to the
# page tree reaches every process at once.
PAGE_LINKS_MEMO_SECONDS = env.int("PAGE_LINKS_MEMO_SECONDS", default=3600)
# How long a started survey form stays valid (seconds); older posts are refused
# with a message asking the resident to start again.
SURVEY_NONCE_MAX_AGE = env.int("SURVEY_NONCE_MAX_AGE", default=24 * 3600)
# Key for receipt codes and their stored hashes; rotating it invalidates
# receipts already handed out.
SURVEY_RECEIPT_KEY = env.str("SURVEY_RECEIPT_KEY", default=SECRET_KEY)

# Anti-automation (T23). One resident posts about 8 times per survey; a
# library or housing-area network may put many residents behind one address.
SURVEY_THROTTLE_POSTS = env.int("SURVEY_THROTTLE_POSTS", default=60)
SURVEY_THROTTLE_SECONDS = env.int("SURVEY_THROTTLE_SECONDS", default=60)
# Addresses of reverse proxies whose X-Forwarded-For is believed.
SURVEY_TRUSTED_PROXIES = env.list("SURVEY_TRUSTED_PROXIES", default=[])
# A survey sent sooner than this after it was opened is asked to wait.
SURVEY_MIN_SECONDS = env.int("SURVEY_MIN_SECONDS", default=10)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
