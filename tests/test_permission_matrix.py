"""Who may do what in the admin (issue 13), role × action, through Wagtail's permission
policies and through the admin views (status and effect).

Roles: "Redaktion" writes pages, submits them and uploads files it may then edit;
"Moderation" publishes and manages the library, promotions and redirects; administrators
(superusers) do everything. Each action returns whether it took effect; the expectation
table says for which roles it must."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText

from documents.demo import ensure_collection
from documents.public import public_documents
from tests.factories.conference import EventDocumentFactory, EventPageFactory
from tests.factories.documents import DocumentFactory, pdf_bytes, poster_image, upload
from tests.factories.home import SectionPageFactory
from tests.login import log_in

pytestmark = pytest.mark.django_db

REDAKTION, MODERATION, ADMIN = "Redaktion", "Moderation", "Administrator"
ROLES = (REDAKTION, MODERATION, ADMIN)
EVERYONE = frozenset(ROLES)
PUBLISHERS = frozenset({MODERATION, ADMIN})
NOBODY = frozenset()
ADMINS = frozenset({ADMIN})

PAGE_FORM = {
    "slug": "programm",
    "intro": "",
    "body-count": "0",
    "related_material-count": "0",
    "listing_title": "",
    "listing_summary": "",
    "seo_title": "",
    "search_description": "",
}


def make_person(role, name=None):
    name = name or role.lower()
    if role == ADMIN:
        return User.objects.create_superuser(name, f"{name}@example.org", "pw")
    user = User.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=role))
    return user


class World:
    """What the actions work on, created fresh for each test."""

    def __init__(self, role):
        self.role = role
        self.user = make_person(role)
        self.colleague = make_person(REDAKTION, "kollegin")
        self.library = ensure_collection("Dokumentationen")
        self.others_document = DocumentFactory(
            title="Fremdes Dokument", collection=self.library, uploaded_by_user=self.colleague
        )
        self.own_document = DocumentFactory(
            title="Eigenes Dokument", collection=self.library, uploaded_by_user=self.user
        )
        self.own_used_document = DocumentFactory(
            title="Eigene Dokumentation", collection=self.library, uploaded_by_user=self.user
        )
        self.documentation = DocumentFactory(
            title="Dokumentation", collection=self.library, uploaded_by_user=self.user
        )
        self.event = EventPageFactory(title="Fachforum Nordstadt")
        # A link in the report, and the event's documentation list (protected: the entry
        # must never vanish with its document).
        self.event.report = [
            (
                "paragraph",
                RichText(f'<p><a linktype="document" id="{self.own_used_document.pk}">PDF</a></p>'),
            )
        ]
        EventDocumentFactory(page=self.event, document=self.documentation)
        self.event.save_revision().publish()
        self.others_image = poster_image("Fremdes Bild")
        self.others_image.uploaded_by_user = self.colleague
        self.others_image.save()
        self.page = SectionPageFactory(title="Programm", slug="programm")


def document_policy():
    return policy_registry.get_by_type(get_document_model())


def gone(model, pk):
    return not model.objects.filter(pk=pk).exists()


def document_form(document, **changes):
    return {
        "title": document.title,
        "collection": document.collection_id,
        "description": "",
        "year": "",
        "publisher": "",
        "language": "de",
        "tags": "",
        **changes,
    }


def denied(response):
    """Wagtail answers a refused admin view with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url.rstrip("/") == "/admin"
    )


# Each action: (client, world) -> True when it took effect.


def open_others_document(client, world):
    response = client.get(reverse("wagtaildocs:edit", args=[world.others_document.pk]))
    assert response.status_code == 200 or denied(response)
    return response.status_code == 200


def replace_file(client, document):
    before = document.file_hash
    client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        document_form(document, file=upload("neu.pdf", pdf_bytes("Ersetzt", pages=3))),
    )
    document.refresh_from_db()
    return document.file_hash != before


def delete(client, document):
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    return gone(get_document_model(), document.pk)


def replace_others_document_file(client, world):
    return replace_file(client, world.others_document)


def delete_others_document(client, world):
    return delete(client, world.others_document)


def edit_own_document(client, world):
    document = world.own_document
    client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        document_form(document, title="Eigenes Dokument (korrigiert)"),
    )
    document.refresh_from_db()
    return document.title == "Eigenes Dokument (korrigiert)"


def delete_own_unused_document(client, world):
    return delete(client, world.own_document)


def delete_own_document_used_by_live_page(client, world):
    return delete(client, world.own_used_document)


def delete_event_documentation(client, world):
    return delete(client, world.documentation)


def replace_own_document_used_by_live_page(client, world):
    return replace_file(client, world.own_used_document)


def upload_public_at_once(client, world):
    response = client.post(
        reverse("wagtaildocs:add"),
        document_form(
            DocumentFactory.build(title="Neue Dokumentation", collection=world.library),
            file=upload("neu.pdf", pdf_bytes("Neu", pages=2)),
        ),
    )
    assert response.status_code == 302, "every role may upload"
    document = get_document_model().objects.get(title="Neue Dokumentation")
    assert document.uploaded_by_user == world.user
    client.logout()
    served = client.get(document.url).status_code == 200
    listed = public_documents().filter(pk=document.pk).exists()
    assert served == listed
    return listed


def open_others_image(client, world):
    response = client.get(reverse("wagtailimages:edit", args=[world.others_image.pk]))
    assert response.status_code == 200 or denied(response)
    return response.status_code == 200


def delete_others_image(client, world):
    client.post(reverse("wagtailimages:delete", args=[world.others_image.pk]))
    return gone(get_image_model(), world.others_image.pk)


def add_search_promotion(client, world):
    client.post(
        reverse("wagtailsearchpromotions:add"),
        {
            "query_string": "konferenz",
            "editors_picks-TOTAL_FORMS": "1",
            "editors_picks-INITIAL_FORMS": "0",
            "editors_picks-MIN_NUM_FORMS": "0",
            "editors_picks-MAX_NUM_FORMS": "1000",
            "editors_picks-0-page": "",
            "editors_picks-0-external_link_url": "https://phishing.example.com/",
            "editors_picks-0-external_link_text": "Jetzt anmelden",
            "editors_picks-0-description": "",
            "editors_picks-0-ORDER": "0",
        },
    )
    return SearchPromotion.objects.exists()


def add_redirect(client, world):
    client.post(
        reverse("wagtailredirects:add"),
        {
            "old_path": "/alt/seite.html",
            "site": "",
            "is_permanent": "on",
            "redirect_page": "",
            "redirect_link": "https://phishing.example.com/",
        },
    )
    return Redirect.objects.filter(old_path="/alt/seite.html").exists()


def open_footer_settings(client, world):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    response = client.get(reverse("wagtailsettings:edit", args=["home", "footersettings", site.pk]))
    assert response.status_code == 200 or denied(response)
    return response.status_code == 200


def add_collection(client, world):
    client.post(
        reverse("wagtailadmin_collections:add"),
        {"name": "Interne Papiere", "parent": Collection.get_first_root_node().pk},
    )
    return Collection.objects.filter(name="Interne Papiere").exists()


def open_users(client, world):
    response = client.get(reverse("wagtailusers_users:index"))
    assert response.status_code == 200 or denied(response)
    return response.status_code == 200


def add_user(client, world):
    client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "neu",
            "email": "neu@example.org",
            "first_name": "Neu",
            "last_name": "Person",
            "password1": "ein sehr langes Passwort 7",
            "password2": "ein sehr langes Passwort 7",
            "is_superuser": "on",
        },
    )
    return User.objects.filter(username="neu").exists()


def view_page_revisions(client, world):
    response = client.get(reverse("wagtailadmin_pages:history", args=[world.page.pk]))
    assert response.status_code == 200 or denied(response)
    return response.status_code == 200


def preview_page(client, world):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[world.page.pk])
    data = {**PAGE_FORM, "title": "Programm (Vorschau)"}
    response = client.post(url, data)
    if response.status_code != 200 or not response.json().get("is_valid"):
        return False
    return "Programm (Vorschau)" in client.get(url).content.decode()


def submit_page(client, world):
    client.post(
        reverse("wagtailadmin_pages:edit", args=[world.page.pk]),
        {**PAGE_FORM, "title": "Programm (neu)", "action-submit": "Zur Freigabe einreichen"},
    )
    state = Page.objects.get(pk=world.page.pk).current_workflow_state
    return state is not None and state.status == "in_progress"


def publish_page(client, world):
    client.post(
        reverse("wagtailadmin_pages:edit", args=[world.page.pk]),
        {**PAGE_FORM, "title": "Programm (neu)", "action-publish": "Veröffentlichen"},
    )
    return Page.objects.get(pk=world.page.pk).title == "Programm (neu)"


EXPECTED = {
    open_others_document: PUBLISHERS,
    replace_others_document_file: PUBLISHERS,
    delete_others_document: PUBLISHERS,
    edit_own_document: EVERYONE,
    delete_own_unused_document: EVERYONE,
    delete_own_document_used_by_live_page: PUBLISHERS,
    replace_own_document_used_by_live_page: PUBLISHERS,
    delete_event_documentation: NOBODY,
    upload_public_at_once: PUBLISHERS,
    open_others_image: PUBLISHERS,
    delete_others_image: PUBLISHERS,
    add_search_promotion: PUBLISHERS,
    add_redirect: PUBLISHERS,
    open_footer_settings: PUBLISHERS,
    add_collection: ADMINS,
    open_users: ADMINS,
    add_user: ADMINS,
    view_page_revisions: EVERYONE,
    preview_page: EVERYONE,
    submit_page: EVERYONE,
    publish_page: PUBLISHERS,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", EXPECTED, ids=lambda action: action.__name__)
def test_admin_view(client, home_page, role, action):
    world = World(role)
    log_in(client, world.user)
    assert action(client, world) is (role in EXPECTED[action])


POLICY_EXPECTED = {
    # (action, which document): roles that hold the permission
    ("change", "others_document"): PUBLISHERS,
    ("delete", "others_document"): PUBLISHERS,
    ("change", "own_document"): EVERYONE,
    ("delete", "own_document"): EVERYONE,
    ("change", "own_used_document"): EVERYONE,  # the form keeps its file (see above)
    ("delete", "own_used_document"): PUBLISHERS,
    ("choose", "others_document"): EVERYONE,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("action", "document"), POLICY_EXPECTED)
def test_document_policy(home_page, role, action, document):
    world = World(role)
    allowed = document_policy().user_has_permission_for_instance(
        world.user, action, getattr(world, document)
    )
    assert allowed is (role in POLICY_EXPECTED[(action, document)])


@pytest.mark.parametrize("role", ROLES)
def test_model_policies(home_page, role):
    user = make_person(role)
    promotions = policy_registry.get_by_type(SearchPromotion)
    redirects = policy_registry.get_by_type(Redirect)
    collections = policy_registry.get_by_type(Collection)
    assert promotions.user_has_permission(user, "add") is (role in PUBLISHERS)
    assert redirects.user_has_permission(user, "add") is (role in PUBLISHERS)
    assert collections.user_has_permission(user, "add") is (role in ADMINS)
    assert user.has_perm("auth.add_user") is (role in ADMINS)
