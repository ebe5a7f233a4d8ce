"""„Stand:“ of a listing page: the newest change of what it lists, not only its own."""

from django.db.models import Max


def newest_change(page, listed, field="last_published_at"):
    """The later of ``page``'s last publish and the newest ``field`` of ``listed``."""
    return later_change(page, listed.order_by().aggregate(newest=Max(field))["newest"])


def later_change(page, newest):
    """The later of ``page``'s last publish and ``newest`` (either may be None)."""
    dates = [date for date in (page.last_published_at, newest) if date is not None]
    return max(dates) if dates else None
