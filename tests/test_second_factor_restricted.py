"""Pages and documents for signed-in users or groups (Wagtail's view restrictions): a user who
must use the second factor (Moderation, administrators) and has entered only the password
counts as not signed in there and is sent to the code step (or to setting up the app);
after the code, and for users without the requirement, the restrictions work as before."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests.factories.accounts import PASSWORD, AdministratorFactory, editor, moderator
from tests.factories.documents import DocumentFactory
from tests.factories.home import SectionPageFactory
from tests.login import app_code, authenticator_app, log_in

pytestmark = pytest.mark.django_db

VERIFY = "/admin/zwei-faktor/pruefen/"
ENROL = "/admin/zwei-faktor/einrichten/"


def password_only(user):
    """Signed in through the admin login form with the password, the code not yet entered."""
    client = Client()
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, "the password was not accepted"
    return client


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def sent_to(response, step, url):
    location = urlsplit(response["Location"])
    return (
        response.status_code == 302
        and location.path == step
        and parse_qs(location.query) == {"next": [url]}
        and "no-cache" in response["Cache-Control"]
    )


@pytest.fixture
def login_page(home_page):
    page = SectionPageFactory(title="Intern", slug="intern", parent=home_page)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.fixture
def login_child(login_page):
    return SectionPageFactory(title="Protokolle", slug="protokolle", parent=login_page)


@pytest.fixture
def group_page(home_page):
    page = SectionPageFactory(title="Moderation intern", slug="moderation-intern")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(*Group.objects.filter(name__in=["Moderation", "Redaktion"]))
    return page


def restricted_document(restriction_type, groups=()):
    collection = Collection.get_first_root_node().add_child(name=f"Intern {restriction_type}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=restriction_type
    )
    restriction.groups.add(*Group.objects.filter(name__in=groups))
    return DocumentFactory(title="Interne Notiz", collection=collection)


@pytest.mark.parametrize(
    "make_user", [moderator, AdministratorFactory], ids=["Moderation", "Administrator"]
)
def test_the_password_alone_does_not_open_a_page_for_signed_in_users(make_user, login_page):
    user = make_user()
    authenticator_app(user)
    client = password_only(user)
    response = client.get(login_page.url)
    assert sent_to(response, VERIFY, login_page.url)
    assert "Intern" not in response.content.decode()


def test_the_code_step_leads_back_to_the_page(login_page):
    user = moderator()
    device = authenticator_app(user)
    client = password_only(user)
    step = client.get(login_page.url)["Location"]
    response = client.post(step, {"otp_token": app_code(device)})
    assert response.status_code == 302 and response["Location"] == login_page.url
    page = client.get(login_page.url)
    assert page.status_code == 200 and page.context["page"] == login_page


def test_without_an_app_the_page_leads_to_setting_it_up(login_page):
    client = password_only(moderator())
    assert sent_to(client.get(login_page.url), ENROL, login_page.url)


def test_a_restriction_of_an_ancestor_counts_too(login_child):
    client = password_only(moderator())
    assert sent_to(client.get(login_child.url), ENROL, login_child.url)


def test_a_group_restriction_needs_the_second_factor(group_page):
    user = moderator()
    authenticator_app(user)
    assert sent_to(password_only(user).get(group_page.url), VERIFY, group_page.url)
    assert log_in(Client(), user).get(group_page.url).status_code == 200


@pytest.mark.parametrize(
    "make_user", [moderator, AdministratorFactory], ids=["Moderation", "Administrator"]
)
def test_verified_users_see_restricted_pages(make_user, login_page, login_child):
    client = log_in(Client(), make_user())
    assert client.get(login_page.url).status_code == 200
    assert client.get(login_child.url).status_code == 200


def test_redaktion_needs_no_second_factor_for_restricted_pages(login_page, group_page):
    client = password_only(editor())
    assert client.get(login_page.url).status_code == 200
    assert client.get(group_page.url).status_code == 200


def test_redaktion_with_an_app_enters_the_code_first_as_in_the_admin(login_page):
    user = editor()
    device = authenticator_app(user)
    client = password_only(user)
    response = client.get(login_page.url)
    assert sent_to(response, VERIFY, login_page.url)
    client.post(response["Location"], {"otp_token": app_code(device)})
    assert client.get(login_page.url).status_code == 200


def test_anonymous_visitors_still_go_to_the_login(client, login_page):
    response = client.get(login_page.url)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/?next=")


def test_public_and_password_pages_are_as_before_for_a_half_signed_in_user(home_page):
    public = SectionPageFactory(title="Offen", slug="offen")
    secret = SectionPageFactory(title="Geheim", slug="geheim")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    client = password_only(moderator())
    assert client.get(public.url).status_code == 200
    response = client.get(secret.url)
    assert response.status_code == 200 and 'name="password"' in response.content.decode()


@pytest.mark.parametrize(
    ("restriction_type", "groups"),
    [(CollectionViewRestriction.LOGIN, ()), (CollectionViewRestriction.GROUPS, ["Moderation"])],
    ids=["login", "groups"],
)
def test_restricted_documents_need_the_second_factor(restriction_type, groups):
    document = restricted_document(restriction_type, groups)
    user = moderator()
    device = authenticator_app(user)
    client = password_only(user)
    response = client.get(document.url)
    assert sent_to(response, VERIFY, document.url)
    assert b"%PDF" not in body(response)
    assert client.post(response["Location"], {"otp_token": app_code(device)})["Location"] == (
        document.url
    )
    download = client.get(document.url)
    assert download.status_code == 200 and body(download).startswith(b"%PDF")


def test_restricted_documents_for_redaktion_and_anonymous_as_before(client):
    document = restricted_document(CollectionViewRestriction.LOGIN)
    assert client.get(document.url)["Location"].startswith("/admin/login/?next=")
    download = password_only(editor()).get(document.url)
    assert download.status_code == 200 and body(download).startswith(b"%PDF")


def waiting_document():
    """An upload waiting for release (documents/approval.py): editors may look at it."""
    document = DocumentFactory(title="Wartet auf Freigabe")
    type(document).objects.filter(pk=document.pk).update(approved=False)
    return document


def test_a_document_waiting_for_release_needs_the_second_factor_of_a_moderator():
    document = waiting_document()
    user = moderator()
    authenticator_app(user)
    assert password_only(user).get(document.url).status_code == 404
    download = log_in(Client(), user).get(document.url)
    assert download.status_code == 200 and body(download).startswith(b"%PDF")


def test_a_document_waiting_for_release_for_redaktion_as_the_admin_asks():
    document = waiting_document()
    without_app = password_only(editor())
    assert without_app.get(document.url).status_code == 200  # the admin asks no code
    with_app = editor()
    authenticator_app(with_app)
    assert password_only(with_app).get(document.url).status_code == 404  # the admin asks one
    assert log_in(Client(), with_app).get(document.url).status_code == 200
    assert Client().get(document.url).status_code == 404
