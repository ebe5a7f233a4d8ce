"""Settings shared by every environment. Everything that differs between machines
comes from environment variables (see README, "Konfiguration")."""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("EC_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "ja"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "ec_site",
    "home",
    "images",
    "documents",
    "conference",
    "areas",
    "search",
    "legal",
    "newsletter",
    "accounts",
    "legacy",
    "csp",
    "operations",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
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
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so that pages answered from it carry the headers too.
    "ec_site.csp.SitePolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "ec_site.content_version.ContentVersionMiddleware",
    "ec_site.page_cache.AnonymousPageCacheMiddleware",
    "ec_site.middleware.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it turns a lockout noticed anywhere into the German lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ec_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "ec_site.context_processors.fragment_keys",
            ],
        },
    },
]

WSGI_APPLICATION = "ec_site.wsgi.application"

# SQLite under var/ is the embedded default for `make run`; production sets DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Axes first: during a lockout it refuses before the password hasher runs. AxesBackend (not
# the standalone one) because it also loads users, which Wagtail's test helpers expect of the
# first backend; it never authenticates anyone itself.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new and changed passwords; older hashes still verify and are upgraded at login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Editors are logged out after this many seconds without a request (also with „Angemeldet
# bleiben“): every request with a session moves the end on.
SESSION_COOKIE_AGE = int(os.environ.get("ADMIN_IDLE_TIMEOUT", str(60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True

# Login throttling (django-axes, README "Accounts"): the admin login, the page and collection
# passwords and wrong second-factor codes count as failures, per user name (or protected page)
# and per client address; the attempts live in the database, shared by every app server.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "ec_site.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_page"  # German page, HTTP 429
# The log names user and address (what an operator needs); passwords and codes stay masked.
AXES_SENSITIVE_PARAMETERS = ["otp_token"]
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# Only the Wagtail admin exists here, no Django admin for axes' own lists.
AXES_ENABLE_ADMIN = False

# Second factor (django-otp, README "Accounts"): TOTP apps and one-time recovery codes.
OTP_TOTP_ISSUER = "E&C Website"
# Members of these groups (and superusers) must use a second factor for the admin.
SECOND_FACTOR_REQUIRED_GROUPS = ["Moderation"]

# German site and editor interface, Berlin time.
LANGUAGE_CODE = "de"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
LANGUAGES = [("de", "Deutsch")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"

# Media (images, documents) on the local disk under MEDIA_ROOT, or, with
# AWS_STORAGE_BUCKET_NAME, in an S3-compatible bucket shared by every app server
# (README, "Running on several servers").
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")


def s3_media_storage(bucket, endpoint_url=None):
    """Private objects only: documents are served by /dokumente/ after the privacy
    checks and rendition images by /media/images/, both reading through the storage API,
    so the bucket never needs a public URL."""
    from botocore.config import Config

    return {
        "BACKEND": "ec_site.media.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint_url or os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "default_acl": "private",
            "querystring_auth": True,
            # A second upload of the same name gets a new name, as on disk, instead of
            # replacing the file that a document or an image still points at.
            "file_overwrite": False,
            # Readers through storage.open() (backup, PDF text, images, captions) get the
            # object in a temporary file: larger ones go to disk, not memory (django-storages
            # keeps all in memory by default). Downloads stream by ranges (open_stream).
            "max_memory_size": 2 * 1024 * 1024,
            # An unreachable endpoint fails a request (and /health/) within seconds.
            "client_config": Config(
                connect_timeout=5, read_timeout=60, retries={"max_attempts": 3, "mode": "standard"}
            ),
        },
    }


STORAGES = {
    "default": (
        s3_media_storage(AWS_STORAGE_BUCKET_NAME)
        if AWS_STORAGE_BUCKET_NAME
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies (README, Uploads): form data without files (the admin's page editor
# posts the whole StreamField) may be up to 5 MB, else 400 (RequestDataTooBig); uploaded
# files above 2.5 MB are spooled to a temporary file instead of memory. The size of a
# document upload is limited by WAGTAILDOCS_MAX_UPLOAD_SIZE (checked by the form) and, in
# front of Django, by the web server's body limit (e.g. nginx client_max_body_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440))
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None

# Caches (see README, Performance): "default" (page cache, navigation, site lookup),
# "template_fragments" (rendered listing bodies and routed pages) and "content_version"
# (the one token everything cached is kept under). Redis when REDIS_URL is set; without
# it process-local memory here, files shared by the machine's processes in production.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "ec")


def redis_caches(url):
    redis = {
        # Errors of the store are logged and answered like a miss (ec_site/cache_backends.py);
        # short timeouts, so that an unreachable Redis costs a request milliseconds.
        "BACKEND": "ec_site.cache_backends.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {
            "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
            "health_check_interval": 30,
        },
    }
    return {
        "default": redis,
        "template_fragments": redis,
        "content_version": redis,
        # Wagtail keeps its rendition lookups on the alias "renditions".
        "renditions": redis,
    }


def file_caches(directory):
    """Files shared by all processes of one machine. The content version has a folder of
    its own, so the culling of the big caches never drops it."""

    def files(name, max_entries):
        return {
            "BACKEND": "ec_site.cache_backends.FileBasedCache",
            "LOCATION": str(Path(directory) / name),
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"MAX_ENTRIES": max_entries},
        }

    return {
        "default": files("default", 20000),
        "template_fragments": files("fragments", 20000),
        "content_version": files("version", 1000),
        "renditions": files("renditions", 20000),
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ec-site",
        },
        "template_fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ec-site-fragments",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "content_version": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ec-site-version",
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ec-site-renditions",
        },
    }
FRAGMENT_CACHE_TIMEOUT = int(os.environ.get("FRAGMENT_CACHE_TIMEOUT", str(60 * 60 * 24)))
# Off only to measure or debug what a page costs to build (make bench's "cold" mode):
# listing bodies and routed pages are then built on every request.
FRAGMENT_CACHE_ENABLED = env_bool("FRAGMENT_CACHE_ENABLED", True)

# Cached search result pages per content version (any words are a valid search, so they
# share this many slots; see ec_site/variants.py).
SEARCH_CACHE_ENTRIES = int(os.environ.get("SEARCH_CACHE_ENTRIES", "20"))

# Search statistics are collected per process and written at most this often (seconds).
SEARCH_STATISTICS_INTERVAL = int(os.environ.get("SEARCH_STATISTICS_INTERVAL", "60"))

# Whole-page cache for anonymous visitors (ec_site/page_cache.py) and the
# Cache-Control headers it sets for a CDN or proxy in front.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(60 * 60 * 6)))
PAGE_CACHE_BROWSER_MAX_AGE = int(os.environ.get("PAGE_CACHE_BROWSER_MAX_AGE", "60"))
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "300"))

# A purge hook for a CDN or reverse proxy (wagtail.contrib.frontend_cache): set
# FRONTEND_CACHE_PURGE_URL to the HTTP purge endpoint (Varnish, nginx, Squid).
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE = {
        "default": {
            # Wagtail's HTTPBackend, purging once the change is committed.
            "BACKEND": "ec_site.frontend_cache.CommittedHTTPBackend",
            "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
        }
    }

# E-mail (notifications of the moderation workflow, feedback form, newsletter).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "E&C Website <webmaster@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Betrieb", address) for address in env_list("ADMIN_EMAILS")]

# Background work on the tasks framework (django-tasks). Wagtail's own small tasks
# (reference index, CDN purge) keep running at once in the request ("default"); the
# newsletter's mails go through the database queue that `manage.py db_worker --backend
# newsletter` works off (README, Newsletter).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    },
    "newsletter": {
        "BACKEND": os.environ.get("NEWSLETTER_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    },
    # Reading page count and text of uploaded PDFs (documents/tasks.py), worked off by
    # `manage.py db_worker --backend documents` (README, Uploads).
    "documents": {
        "BACKEND": os.environ.get("DOCUMENTS_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    },
    # The feedback form's mails (`manage.py db_worker --backend feedback`).
    "feedback": {
        "BACKEND": os.environ.get("FEEDBACK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": [],
    },
}
# Where a previewed ZIP of the legacy import waits for „Übernehmen“ (legacy/admin_views.py):
# under the machine's var folder, so that every instance of the machine and the daily
# `legacy_cleanup` see it (gunicorn's /tmp is private to each instance).
LEGACY_UPLOAD_DIR = os.environ.get("LEGACY_UPLOAD_DIR", str(VAR_DIR / "legacy-uploads"))

# Limits of the child process that reads a PDF's text (documents/pdf_sandbox.py): above
# them the document is kept and downloadable, marked „zu groß“, without text.
PDF_TEXT_LIMITS = {
    "max_pages": int(os.environ.get("PDF_MAX_PAGES", "2000")),
    "timeout": float(os.environ.get("PDF_READ_TIMEOUT", "60")),
    "memory_mb": int(os.environ.get("PDF_READ_MEMORY_MB", "512")),
}

# Feedback form of the Erklärung zur Barrierefreiheit (legal/; README, Security):
# posts per client address within the window (seconds), above them the answer is 429;
# the longest message; the outbox's retries after a failed mail (seconds) and the time
# after which a mail left „in Versand“ by a crashed worker counts as uncertain.
FEEDBACK_POSTS_PER_CLIENT = int(os.environ.get("FEEDBACK_POSTS_PER_CLIENT", "5"))
FEEDBACK_POST_WINDOW = int(os.environ.get("FEEDBACK_POST_WINDOW", "60"))
FEEDBACK_MAX_MESSAGE_LENGTH = int(os.environ.get("FEEDBACK_MAX_MESSAGE_LENGTH", "5000"))
FEEDBACK_MAIL_RETRY_DELAYS = [
    int(value) for value in env_list("FEEDBACK_MAIL_RETRY_DELAYS", "60,300,1800,7200,21600")
]
FEEDBACK_MAIL_CLAIM_TIMEOUT = int(os.environ.get("FEEDBACK_MAIL_CLAIM_TIMEOUT", "900"))

# Behind nginx with local media: hand document downloads to nginx after the privacy checks
# (X-Accel-Redirect to this internal location, deploy/nginx/ec-site.conf). Empty: the
# workers stream the file themselves (the only way with media on S3).
DOCUMENTS_ACCEL_REDIRECT_PREFIX = os.environ.get("DOCUMENTS_ACCEL_REDIRECT_PREFIX", "")

# Newsletter (newsletter/, README "Newsletter").
# Empty: the address of the default Wagtail site record, as every other public link.
NEWSLETTER_BASE_URL = os.environ.get("NEWSLETTER_BASE_URL", "").rstrip("/")
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", "") or DEFAULT_FROM_EMAIL
NEWSLETTER_UNSUBSCRIBE_EMAIL = os.environ.get("NEWSLETTER_UNSUBSCRIBE_EMAIL", "")
NEWSLETTER_CONFIRMATION_DAYS = int(os.environ.get("NEWSLETTER_CONFIRMATION_DAYS", "7"))
NEWSLETTER_MAILS_PER_MINUTE = int(os.environ.get("NEWSLETTER_MAILS_PER_MINUTE", "300"))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "50"))
NEWSLETTER_RETRY_DELAYS = [
    int(value) for value in env_list("NEWSLETTER_RETRY_DELAYS", "60,600,3600")
]
NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", "900"))
NEWSLETTER_SIGNUPS_PER_ADDRESS = int(os.environ.get("NEWSLETTER_SIGNUPS_PER_ADDRESS", "3"))
NEWSLETTER_SIGNUPS_PER_CLIENT = int(os.environ.get("NEWSLETTER_SIGNUPS_PER_CLIENT", "20"))
NEWSLETTER_SIGNUP_WINDOW = int(os.environ.get("NEWSLETTER_SIGNUP_WINDOW", "3600"))
# Behind a proxy: the META key that holds the client address, e.g. HTTP_X_REAL_IP.
# The request header with the client address behind a proxy (site/client_address.py);
# NEWSLETTER_CLIENT_IP_HEADER is its older name, still read.
CLIENT_IP_HEADER = os.environ.get(
    "CLIENT_IP_HEADER", os.environ.get("NEWSLETTER_CLIENT_IP_HEADER", "")
)

# Content-Security-Policy (django-csp; README „Content-Security-Policy“). The public site
# loads scripts and styles only from its own static files: no inline code, no nonce (the
# page and fragment caches would hand one nonce to every visitor). JSON-LD blocks are data
# and need none.
CONTENT_SECURITY_POLICY_REPORT_URI = os.environ.get("CSP_REPORT_URI", "/csp-report/")
_CSP_REPORT = [CONTENT_SECURITY_POLICY_REPORT_URI] if CONTENT_SECURITY_POLICY_REPORT_URI else None
CSP_REPORTS_PER_CLIENT = int(os.environ.get("CSP_REPORTS_PER_CLIENT", "20"))
CSP_REPORTS_PER_MINUTE = int(os.environ.get("CSP_REPORTS_PER_MINUTE", "200"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "report-uri": _CSP_REPORT,
    }
}
# The editors' side under /admin/ (also page previews, which render the public templates
# inside the admin's iframe): Wagtail's admin writes inline scripts (panels, widgets) and
# inline styles, and frames its own previews.
ADMIN_CSP_PATH_PREFIXES = ["/admin/"]
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "report-uri": _CSP_REPORT,
    }
}

# Permissions-Policy (django-permissions-policy): browser features the site never uses are
# switched off for it and anything it might embed. Fullscreen and picture-in-picture stay
# (the video player), and so do the clipboard and WebAuthn (the admin).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Wagtail
WAGTAIL_SITE_NAME = "E&C – Entwicklung und Chancen junger Menschen in sozialen Brennpunkten"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "documents.CustomDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Videos for the Gebärdensprache page (legal.SignLanguagePage) are documents too.
# PDF for documentations and texts; MP4/WebM for the sign-language videos (Gebärdensprache).
WAGTAILDOCS_EXTENSIONS = env_list("WAGTAILDOCS_EXTENSIONS", "pdf,mp4,webm")
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", 100 * 1024 * 1024))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.DocumentForm"  # upload rules, see documents/
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no calls to third parties from the admin
# New page addresses are ASCII („bruecken-bauen“, home/slugs.py); existing ones stay valid.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Only editors have accounts: private pages send visitors to the (German) admin login.
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Wagtail's database backend, recording the indexed words for typo suggestions.
        "BACKEND": "search.backend",
        "SEARCH_CONFIG": "german",
    }
}
# An uploaded redirect file is kept between its two admin steps in the shared cache,
# so the second step may reach another app server.
WAGTAIL_REDIRECTS_FILE_STORAGE = "cache"
WAGTAILEMBEDS_FINDERS = []  # oEmbed providers are third parties; embeds stay off
