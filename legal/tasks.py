"""Background work of the legal app on the tasks framework (django-tasks), backend alias
"feedback" (`manage.py db_worker --backend feedback` runs it in production)."""

from django_tasks import task

from . import outbox
from .models import FeedbackMail


@task(backend="feedback")
def send_feedback_mail(mail_id):
    status = outbox.send(mail_id)
    # A retry is due later: the database queue runs the task again then (without one,
    # the periodic send_feedback_mails picks it up).
    if status == FeedbackMail.Status.PENDING and send_feedback_mail.get_backend().supports_defer:
        mail = FeedbackMail.objects.get(pk=mail_id)
        send_feedback_mail.using(run_after=mail.next_attempt_at).enqueue(mail_id)
    return status
