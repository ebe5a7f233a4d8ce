"""Settings of the live server that the browser suite starts (see conftest.py).

Production-like: DEBUG off (real 404 page, no debug toolbar or technical pages), the
production cache settings (page cache and fragment cache on, file-based caches shared
by the server's threads, or Redis when EC_BROWSER_REDIS_URL is set), static files
through WhiteNoise, mails into files the tests can read. The Content-Security-Policy and
Permissions-Policy are production's (ec_site/settings/base.py; dev changes neither): the
suite fails on any CSP violation of a public page (csp_watch.py)."""

import os

from ec_site.settings.base import file_caches, redis_caches
from ec_site.settings.dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.browser.urls"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EC_BROWSER_MAIL_DIR"]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1")
# Fast logins for the editor journey; the real hashers are not what is tested here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# The caches of production (ec_site/settings/production.py), not those of `make run`.
PAGE_CACHE_ENABLED = True
if os.environ.get("EC_BROWSER_REDIS_URL"):
    CACHES = redis_caches(os.environ["EC_BROWSER_REDIS_URL"])
else:
    CACHES = file_caches(os.path.join(os.environ["EC_VAR_DIR"], "cache"))
