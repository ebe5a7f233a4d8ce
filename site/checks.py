"""``manage.py check --deploy``: warnings about cache setups under which the site would
serve stale pages or fail when the cache fills up (README, Production deployment)."""

import os
import re

from django.conf import settings
from django.core.cache import caches
from django.core.checks import Tags, Warning, register

SHARED_BACKENDS = ("RedisCache", "FileBasedCache", "PyMemcacheCache", "PyLibMCCache")
SUITABLE_POLICIES = {"allkeys-lru", "allkeys-lfu", "volatile-lru", "volatile-lfu"}


def worker_count():
    """gunicorn's worker count as far as the environment tells it (``WEB_CONCURRENCY``,
    ``GUNICORN_CMD_ARGS``), else ``None``."""
    arguments = os.environ.get("GUNICORN_CMD_ARGS", "")
    match = re.search(r"(?:--workers[= ]|-w ?)(\d+)", arguments)
    if match:
        return int(match.group(1))
    concurrency = os.environ.get("WEB_CONCURRENCY", "")
    return int(concurrency) if concurrency.isdigit() else None


def redis_settings(url):
    """(maxmemory, policy) of the Redis at ``url``, or ``None`` when Redis does not tell
    (a managed service may forbid CONFIG) or cannot be reached."""
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        maxmemory = int(client.config_get("maxmemory")["maxmemory"])
        policy = client.config_get("maxmemory-policy")["maxmemory-policy"]
    except Exception:  # noqa: BLE001 - unknown is no reason to fail the check
        return None
    return maxmemory, policy


@register(Tags.caches, deploy=True)
def check_shared_caches(app_configs=None, **kwargs):
    messages = []
    for alias in ("default", "content_version"):
        backend = type(caches[alias]).__name__
        if backend not in SHARED_BACKENDS:
            messages.append(
                Warning(
                    f"Der Cache „{alias}“ ({backend}) gilt nur für einen Prozess: Andere "
                    "Prozesse würden nach einer Änderung veraltete Seiten ausliefern.",
                    hint="REDIS_URL setzen (oder die Produktionseinstellungen verwenden).",
                    id="ec_site.W001",
                )
            )
    workers = worker_count()
    if not settings.REDIS_URL and workers and workers > 1:
        messages.append(
            Warning(
                f"{workers} Prozesse ohne REDIS_URL: Sie teilen sich den Dateicache unter "
                "CACHE_DIR; das gilt nur für diesen Rechner und ist langsamer als Redis.",
                hint="Für mehrere Prozesse oder Rechner REDIS_URL setzen.",
                id="ec_site.W002",
            )
        )
    if settings.REDIS_URL:
        found = redis_settings(settings.REDIS_URL)
        if found is not None:
            maxmemory, policy = found
            if not maxmemory or policy not in SUITABLE_POLICIES:
                messages.append(
                    Warning(
                        f"Redis hat maxmemory={maxmemory} und maxmemory-policy={policy}: "
                        "Ein voller Cache nimmt dann nichts mehr an (oder wächst unbegrenzt).",
                        hint="Für den Cache: maxmemory (z. B. 256mb) und "
                        "maxmemory-policy allkeys-lru setzen (README, Betrieb).",
                        id="ec_site.W003",
                    )
                )
    return messages
