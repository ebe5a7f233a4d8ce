"""Factories for the newsletter: the archive, issues (published) and subscribers."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber

from .home import PublishedPageMixin, start_page


class NewsletterIndexPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = "Newsletter"
    slug = "newsletter"
    intro = "Alle Ausgaben des E&C Newsletters."
    parent = factory.LazyFunction(start_page)

    class Meta:
        model = NewsletterIndexPage


def newsletter_index():
    return NewsletterIndexPage.objects.first() or NewsletterIndexPageFactory()


class NewsletterIssuePageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ausgabe {n}")
    slug = factory.Sequence(lambda n: f"ausgabe-{n}")
    issue_date = datetime.date(2026, 11, 30)
    intro = "Neuigkeiten aus der Regiestelle."
    parent = factory.LazyFunction(newsletter_index)
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": {"text": "Aus der Regiestelle", "level": "h2"}},
            {
                "type": "paragraph",
                "value": '<p>Ein Absatz mit <a href="https://example.org/x">Link</a>.</p>',
            },
        ]
    )

    class Meta:
        model = NewsletterIssuePage


class SubscriberFactory(factory.django.DjangoModelFactory):
    email = factory.Sequence(lambda n: f"leser{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscriber
