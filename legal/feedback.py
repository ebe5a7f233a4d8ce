"""The feedback form under abuse: a limit of posts per client and minute, and handing a
stored message's mail to the outbox task."""

import logging

from django.conf import settings

from ec_site import ratelimit
from ec_site.client_address import client_ip

logger = logging.getLogger(__name__)


def post_allowed(request):
    """Count one post of the form; False when the client is over its limit."""
    return ratelimit.allowed(
        "feedback-client",
        client_ip(request),
        settings.FEEDBACK_POSTS_PER_CLIENT,
        settings.FEEDBACK_POST_WINDOW,
    )


def too_many_posts(page, request):
    """The feedback page again with status 429, a German notice and the visitor's text in
    the form (nothing stored), so it can be sent a minute later."""
    form = page.get_form(page=page, user=request.user)
    form.initial = {name: request.POST.get(name, "") for name in form.fields}
    response = page.render_feedback(
        request, form, too_many_posts=True, window=settings.FEEDBACK_POST_WINDOW
    )
    response.status_code = 429
    return response


def enqueue_mail(mail):
    """Hand the stored mail to the task; if the queue fails too, the periodic
    ``send_feedback_mails`` sends it. The visitor's message is stored either way."""
    from .tasks import send_feedback_mail

    try:
        send_feedback_mail.enqueue(mail.pk)
    except Exception:
        logger.exception("Feedback-E-Mail %s nicht eingereiht (send_feedback_mails)", mail.pk)
