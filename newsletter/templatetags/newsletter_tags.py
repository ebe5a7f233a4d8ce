from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("newsletter/includes/privacy_section.html")
def newsletter_privacy_section():
    """The newsletter part of the Datenschutzerklärung, with the configured periods."""
    return {"newsletter_confirmation_days": settings.NEWSLETTER_CONFIRMATION_DAYS}
