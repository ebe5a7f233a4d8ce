"""The test suite: fast hashing, in-memory mail, a throwaway media folder.

DATABASE_URL chooses the database (PostgreSQL in CI, SQLite otherwise)."""

import os
import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret-" + "x" * 32
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="ec-test-media-")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Tests change rows directly (factories, bulk updates) without publishing; the
    # fragment cache is switched on by the tests that cover it (override_settings).
    "template_fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    "content_version": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ec-test-version",
    },
}
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = os.path.join(MEDIA_ROOT, "test.sqlite3")  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = tempfile.mkdtemp(prefix="ec-test-static-")
# Query-count tests measure the work of a page, not the cache: tests that cover the
# page cache switch it on with override_settings.
PAGE_CACHE_ENABLED = False
# Every search is written at once, so tests can read the statistics right away.
SEARCH_STATISTICS_INTERVAL = 0
# Background tasks run at once, in the test's own transaction.
TASKS = {
    alias: {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    for alias in ("default", "newsletter", "documents", "feedback")
}
NEWSLETTER_MAILS_PER_MINUTE = 0
NEWSLETTER_BASE_URL = "http://testserver"
NEWSLETTER_RETRY_DELAYS = [0, 0]
