"""Cache backends that degrade instead of failing.

A cache is an optimisation: when Redis is stopped, unreachable or full (``maxmemory``
with ``noeviction``), or a cache file cannot be written, the site must answer from the
database as if the cache were empty. These backends turn every error of the store into
a miss (``get`` → default, ``set``/``add``/``delete`` → ``False``), log it at most once a
minute per store, and, after a connection error, leave the store alone for
``RETRY_AFTER`` seconds so that no request waits for a dead server. Wagtail's own cache
use (the site root paths) goes through them too.

Settings: ``BACKEND: "ec_site.cache_backends.RedisCache"`` (or ``FileBasedCache``); for
Redis, ``OPTIONS`` with short socket timeouts (see ``ec_site.settings.caches``)."""

import logging
import threading
import time

from django.core.cache.backends import filebased, redis

logger = logging.getLogger("ec_site.cache")

RETRY_AFTER = 5.0  # seconds a store that refused a connection is left alone
LOG_INTERVAL = 60.0  # seconds between two log lines about the same store

# Shared by every alias and thread of the process that uses the same store.
_state_lock = threading.Lock()
_down_until = {}
_last_logged = {}
_suppressed = {}


def _is_connection_error(error):
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover - redis is a dependency
        return isinstance(error, OSError)
    return isinstance(error, RedisConnectionError | RedisTimeoutError | ConnectionError)


def forget_failures():
    """Forget which stores failed and when they were last reported (a new test, or an
    operator's shell after fixing the store)."""
    with _state_lock:
        _down_until.clear()
        _last_logged.clear()
        _suppressed.clear()


def store_is_down(location):
    return _down_until.get(location, 0.0) > time.monotonic()


def _report(location, operation, error):
    now = time.monotonic()
    with _state_lock:
        if _is_connection_error(error):
            _down_until[location] = now + RETRY_AFTER
        if now - _last_logged.get(location, -LOG_INTERVAL) < LOG_INTERVAL:
            _suppressed[location] = _suppressed.get(location, 0) + 1
            return
        _last_logged[location] = now
        suppressed = _suppressed.pop(location, 0)
    logger.warning(
        "Cache %s: %s fehlgeschlagen (%s: %s); die Seite antwortet ohne Cache.%s",
        location,
        operation,
        type(error).__name__,
        error,
        f" {suppressed} weitere Fehler seit der letzten Meldung." if suppressed else "",
    )


class ResilientCacheMixin:
    """Every operation of the store answered like a miss when the store fails."""

    def _location(self):
        return getattr(self, "_ec_location", None) or self.__class__.__name__

    def _guard(self, operation, default, call, *args, **kwargs):
        location = self._location()
        if store_is_down(location):
            return default
        try:
            return call(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - any failure of the store is a miss
            _report(location, operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._guard("get", default, super().get, key, default, version)

    def set(self, key, value, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        done = self._guard("set", False, self._set_and_confirm, key, value, timeout, version)
        return done is not False

    def _set_and_confirm(self, key, value, timeout, version):
        super().set(key, value, timeout, version)
        return True

    def add(self, key, value, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._guard("add", False, super().add, key, value, timeout, version)

    def delete(self, key, version=None):
        return self._guard("delete", False, super().delete, key, version)

    def touch(self, key, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._guard("touch", False, super().touch, key, timeout, version)

    def has_key(self, key, version=None):
        return self._guard("has_key", False, super().has_key, key, version)

    def get_many(self, keys, version=None):
        return self._guard("get_many", {}, super().get_many, keys, version)

    def set_many(self, data, timeout=filebased.DEFAULT_TIMEOUT, version=None):
        return self._guard("set_many", list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard("delete_many", None, super().delete_many, keys, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._guard("incr", missing, super().incr, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return value

    def clear(self):
        return self._guard("clear", None, super().clear)


class RedisCache(ResilientCacheMixin, redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._ec_location = f"redis:{','.join(self._servers)}"


class FileBasedCache(ResilientCacheMixin, filebased.FileBasedCache):
    def __init__(self, dir, params):  # noqa: A002 - Django's signature
        self._ec_location = f"file:{dir}"
        try:
            super().__init__(dir, params)  # creates the folder
        except OSError as error:
            _report(self._ec_location, "Ordner anlegen", error)
