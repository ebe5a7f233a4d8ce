import json

from django import template
from django.utils.safestring import mark_safe

from conference.listing import event_listing_queryset, overview_pages

register = template.Library()

HOME_EVENTS = 3

# Characters that could end the <script> element or start markup, escaped in JSON strings
# (as django.utils.html.json_script does).
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def event_json_ld(context, page):
    """schema.org Event of ``page`` as a JSON-LD script element."""
    schema = page.schema_org(context.get("request"))
    data = json.dumps(schema, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{data}</script>')


@register.inclusion_tag("conference/includes/home_events.html", takes_context=True)
def home_events(context):
    """The next three announcements and the latest three retrospectives."""
    events = event_listing_queryset()
    return {
        "announcements": list(
            events.upcoming().order_by("start_date", "end_date", "pk")[:HOME_EVENTS]
        ),
        "retrospectives": list(
            events.past().order_by("-start_date", "-end_date", "-pk")[:HOME_EVENTS]
        ),
        "overview_pages": overview_pages(),
        "request": context["request"],
    }
