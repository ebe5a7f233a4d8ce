"""A process-local cache for tests that records what the site reads and writes, through
the public cache API only (no peeking into a backend's storage)."""

from collections import Counter, defaultdict

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

reads = Counter()
read_keys = defaultdict(Counter)
written = defaultdict(set)


class RecordingLocMemCache(LocMemCache):
    def __init__(self, name, params):
        super().__init__(name, params)
        self.name = name

    def get(self, key, default=None, version=None):
        reads[self.name] += 1
        read_keys[self.name][key] += 1
        return super().get(key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        written[self.name].add(key)
        return super().set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        written[self.name].add(key)
        return super().add(key, value, timeout, version)


def reset():
    reads.clear()
    read_keys.clear()
    written.clear()


def recording_caches():
    """The three aliases of the site, each recorded under its own name."""
    return {
        alias: {"BACKEND": "tests.cache_backends.RecordingLocMemCache", "LOCATION": alias}
        for alias in ("default", "template_fragments", "content_version")
    }
