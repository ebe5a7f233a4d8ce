"""``{% numeric_date value %}``: ``<time datetime="2026-12-01">01.12.2026</time>``.

The same as ``<time datetime="{{ value|date:'Y-m-d' }}">{{ value|date:'d.m.Y' }}</time>``
for a date or an aware datetime (shown as its day in the site's time zone), at a tenth of
the cost: Django's ``date`` filter looks up the active language's formats on every call,
which adds up in lists such as the search hits."""

import datetime

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def numeric_date(value):
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    # Only digits and dashes: nothing to escape.
    return mark_safe(f'<time datetime="{value.isoformat()}">{value:%d.%m.%Y}</time>')
