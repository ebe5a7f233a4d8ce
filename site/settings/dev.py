"""Local development: `make run`. DEBUG on, mails on the console (or EMAIL_HOST)."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-" + "x" * 32)
# Mails on the console, unless an SMTP server is named (EMAIL_HOST, e.g. a local sink).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
# Newsletter mails are sent in the request unless NEWSLETTER_TASKS_BACKEND names the
# database queue (then run `manage.py db_worker --backend newsletter`).
TASKS["newsletter"] = {  # noqa: F405
    "BACKEND": os.environ.get(
        "NEWSLETTER_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    ),
    "QUEUES": [],
}
# PDF text is read at once (in its limited child process) unless DOCUMENTS_TASKS_BACKEND
# names the database queue (then run `manage.py db_worker --backend documents`).
TASKS["documents"] = {  # noqa: F405
    "BACKEND": os.environ.get(
        "DOCUMENTS_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    ),
    "QUEUES": [],
}
# Feedback mails too, unless FEEDBACK_TASKS_BACKEND names the database queue.
TASKS["feedback"] = {  # noqa: F405
    "BACKEND": os.environ.get(
        "FEEDBACK_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    ),
    "QUEUES": [],
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", False)  # noqa: F405
# Template changes show at once: no cached listing bodies or routed pages.
CACHES["template_fragments"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}  # noqa: F405
SEARCH_STATISTICS_INTERVAL = 0  # the editors' report shows a demo search at once
