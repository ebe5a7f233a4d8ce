"""Test factories on wagtail_factories. Pages are created under the start page that the
migrations make, and published so they render for anonymous visitors."""

import factory
import wagtail_factories

from home.models import HomePage, SectionPage


class PublishedPageMixin:
    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        page = super()._create(model_class, *args, **kwargs)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def start_page():
    return HomePage.objects.get()


class SectionPageFactory(PublishedPageMixin, wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Rubrik {n}")
    slug = factory.Sequence(lambda n: f"rubrik-{n}")
    intro = "Eine kurze Einleitung."
    show_in_menus = True
    parent = factory.LazyFunction(start_page)
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": {"text": "Abschnitt", "level": "h2"}},
            {"type": "paragraph", "value": "<p>Ein Absatz mit Text.</p>"},
        ]
    )

    class Meta:
        model = SectionPage
