"""``/health/``: each dependency named with its state, for load balancers and monitoring.

200 ``{"status": "ok"}`` when everything answers; ``storage_type`` names where the media
files are (``lokal`` or ``s3``); 200 ``"degraded"`` when the cache or
the file storage does not (pages are then rendered uncached, downloads may fail); 503
``"error"`` when the database does not, because then nothing can be served."""

import os
import uuid

from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection

from .media import storage_kind

OK = "ok"


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "nicht erreichbar"
    return OK


def cache_state():
    """Can every cache store keep and return a value? (A full Redis with ``noeviction``
    answers reads but refuses writes: that is "nicht beschreibbar".)"""
    stores = {}
    for alias in caches:
        store = caches[alias]
        if not isinstance(store, DummyCache):
            stores.setdefault(store.__class__.__name__ + str(getattr(store, "_dir", "")), store)
    for store in stores.values():
        key = f"ec:health:{uuid.uuid4().hex}"
        try:
            store.set(key, OK, 10)
            kept = store.get(key) == OK
            store.delete(key)
        except Exception:  # noqa: BLE001 - a store without the degrading wrapper
            kept = False
        if not kept:
            return "nicht erreichbar oder voll"
    return OK


def storage_state():
    """Local disk: can the folder be written? A bucket: does it list its top level (one
    request through the storage API; wrong credentials or a missing bucket raise)?"""
    try:
        if isinstance(default_storage, FileSystemStorage):
            location = default_storage.location
            os.makedirs(location, exist_ok=True)
            return OK if os.access(location, os.W_OK) else "nicht beschreibbar"
        default_storage.listdir("")
    except Exception:  # noqa: BLE001 - any failure of the storage backend
        return "nicht erreichbar"
    return OK


def health_report():
    checks = {"database": database_state(), "cache": cache_state(), "storage": storage_state()}
    named = {**checks, "storage_type": storage_kind()}
    if checks["database"] != OK:
        return 503, {"status": "error", **named}
    if any(state != OK for state in checks.values()):
        return 200, {"status": "degraded", **named}
    return 200, {"status": "ok", **named}
