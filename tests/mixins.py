"""Checks that every page type must pass. A test class per page type sets the class
attributes and inherits the tests (see tests/test_home_pages.py)."""

from wagtail.fields import RichTextField, StreamField
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield


class PageTypeChecks:
    """Mix into a ``WagtailPageTestCase``; set ``page_model``, ``allowed_parents``,
    ``allowed_children`` and implement ``make_page()`` (a published instance)."""

    page_model = None
    allowed_parents = set()
    allowed_children = set()
    expected_texts = ()

    def make_page(self):
        raise NotImplementedError

    def setUp(self):
        super().setUp()
        self.page = self.make_page()

    def test_renders_for_visitors(self):
        self.assertPageIsRenderable(self.page)
        response = self.client.get(self.page.url)
        self.assertEqual(response.status_code, 200)
        self.assertTemplateUsed(response, self.page_model.template)
        self.assertContains(response, '<html lang="de">')
        self.assertContains(response, "Stand:")
        for text in self.expected_texts:
            self.assertContains(response, text)

    def test_has_a_meta_description(self):
        import re

        html = self.client.get(self.page.url).content.decode()
        found = re.findall(r'<meta name="description" content="([^"]*)">', html)
        self.assertEqual(len(found), 1, "genau eine Meta-Beschreibung")
        self.assertTrue(found[0].strip())
        self.assertLessEqual(len(found[0].replace("&amp;", "&")), 160)

    def test_parent_page_types(self):
        self.assertAllowedParentPageTypes(self.page_model, self.allowed_parents)

    def test_subpage_types(self):
        self.assertAllowedSubpageTypes(self.page_model, self.allowed_children)

    def form_data(self):
        """POST data of the page editor for ``self.page``. Page types with more required
        fields or child formsets extend this (see wagtail.test.utils.form_data)."""
        data = {"title": self.page.title, "slug": self.page.slug}
        for field in self.page_model._meta.get_fields():
            if isinstance(field, StreamField):
                data[field.name] = streamfield([])
            elif isinstance(field, RichTextField):
                data[field.name] = rich_text(getattr(self.page, field.name) or "")
        return nested_form_data(data)

    def test_editor_can_open_and_save(self):
        self.login()
        self.assertPageIsEditable(self.page, post_data=self.form_data())

    def test_preview_renders(self):
        self.assertPageIsPreviewable(self.page, post_data=self.form_data())

    def test_preview_may_be_framed_by_the_admin_only(self):
        # The admin shows previews in its own frame: they get the editors' policy, not the
        # public frame-ancestors 'none' (ec_site/csp.py).
        from django.urls import reverse

        self.client.force_login(self.create_superuser("vorschau"))
        url = reverse("wagtailadmin_pages:preview_on_edit", args=[self.page.pk])
        self.client.post(url, self.form_data())
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("frame-ancestors 'self'", response["Content-Security-Policy"])
        self.assertEqual(response["X-Frame-Options"], "SAMEORIGIN")
        public = self.client.get(self.page.url)
        self.assertIn("frame-ancestors 'none'", public["Content-Security-Policy"])

    def test_card_and_search_templates_render(self):
        from django.template.loader import render_to_string
        from django.utils.html import escape

        for template in (self.page.listing_card_template, self.page.search_result_template):
            html = render_to_string(template, {"item": self.page})
            self.assertIn(escape(self.page.get_listing_title()), html)
