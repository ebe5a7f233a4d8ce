"""Current lockouts, read from axes' database records, and lifting them."""

from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

from .throttling import COLLECTION_PASSWORD, PAGE_PASSWORD


@dataclass
class Lockout:
    kind: str  # "username" or "ip_address"
    value: str
    failures: int
    until: datetime

    @property
    def label(self):
        if self.kind == "ip_address":
            return f"Adresse {self.value}"
        for name_format, text in (
            (PAGE_PASSWORD, "Passwort der geschützten Seite (Einschränkung {})"),
            (COLLECTION_PASSWORD, "Passwort der geschützten Sammlung (Einschränkung {})"),
        ):
            prefix = name_format.format("")
            if self.value.startswith(prefix):
                return text.format(self.value.removeprefix(prefix))
        return f"Benutzer {self.value}"


def current_lockouts():
    cool_off = get_cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
    lockouts = []
    for kind in ("username", "ip_address"):
        rows = (
            recent.exclude(**{f"{kind}__isnull": True})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by("-last")
        )
        lockouts += [
            Lockout(kind, row[kind], row["failures"], row["last"] + cool_off) for row in rows
        ]
    return lockouts


def lift(kind, value):
    """Forgets the failed attempts of a user name or an address; returns how many."""
    if kind == "username":
        return reset(username=value)
    return reset(ip=value)
