"""Production: DEBUG off, PostgreSQL from DATABASE_URL, HTTPS hardening.

Refuses to start without SECRET_KEY. Options that depend on the hosting (HTTPS behind a
proxy, HSTS preload) are switched by environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY ist nicht gesetzt. Die Produktionskonfiguration startet nicht ohne "
        "geheimen Schlüssel (Umgebungsvariable SECRET_KEY, mindestens 50 Zeichen)."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
if env_bool("SECURE_PROXY_SSL_HEADER", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN

# Without Redis, production shares file-based caches between all worker processes on
# the machine: the content version that keeps cached pages and menus fresh must be the
# same in every process (process-local memory would let other workers serve stale pages
# after an edit). Several machines need Redis (REDIS_URL); `check --deploy` warns.
if not REDIS_URL:  # noqa: F405
    CACHES = file_caches(os.environ.get("CACHE_DIR", str(VAR_DIR / "cache")))  # noqa: F405

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
