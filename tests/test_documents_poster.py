"""The poster of a video follows the video's privacy: a public video shows its rendition at
``/media/images/`` (cacheable); a video in a restricted collection (password, login,
groups) or waiting for release links ``/dokumente/<id>/vorschaubild/``, which applies the
download's checks, and its rendition is not served at ``/media/images/``."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import POSTER_FILTER
from tests.factories.documents import VideoDocumentFactory, poster_image
from tests.factories.home import SectionPageFactory


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def rendition_bytes(video):
    rendition = video.poster.get_rendition(POSTER_FILTER)
    with rendition.file.open("rb") as file:
        return rendition, file.read()


def restricted_collection(kind, **fields):
    collection = Collection.get_first_root_node().add_child(name=f"Intern {kind}")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=kind, **fields
    )
    return collection, restriction


def player_poster(client, video):
    """The poster address of the player on a public page that shows the video."""
    page = SectionPageFactory(
        body=[("video", {"video": video, "title": "", "transcript": "<p>Text.</p>"})]
    )
    response = client.get(page.url)
    assert response.status_code == 200
    player = BeautifulSoup(response.content, "html.parser").select_one("main video")
    assert player is not None
    return player.get("poster"), response


@pytest.fixture
def public_video(db):
    return VideoDocumentFactory(title="Öffentliches Video", poster=poster_image())


def test_a_public_video_shows_its_rendition_for_everyone(client, public_video):
    address, page = player_poster(client, public_video)
    rendition, data = rendition_bytes(public_video)
    assert address == rendition.url and address.startswith("/media/images/")
    # Same origin: the page's policy (img-src 'self') allows it.
    assert "img-src 'self'" in page["Content-Security-Policy"]
    picture = client.get(address)
    assert picture.status_code == 200 and body(picture) == data
    assert picture["Cache-Control"] == "public, max-age=3600"


def test_the_poster_view_serves_a_public_video_cacheably(client, public_video):
    _, data = rendition_bytes(public_video)
    response = client.get(reverse("documents:poster", args=[public_video.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert body(response) == data
    assert "public" in response["Cache-Control"] and "private" not in response["Cache-Control"]
    again = client.get(
        reverse("documents:poster", args=[public_video.pk]),
        headers={"if-none-match": response["ETag"]},
    )
    assert again.status_code == 304


def test_a_login_restricted_poster_needs_a_login(client, db, django_user_model):
    collection, _ = restricted_collection(CollectionViewRestriction.LOGIN)
    video = VideoDocumentFactory(collection=collection, poster=poster_image())
    rendition, data = rendition_bytes(video)
    poster_address = reverse("documents:poster", args=[video.pk])

    address, _ = player_poster(client, video)
    assert address == poster_address
    refused = client.get(address)
    assert refused.status_code == 302 and data not in body(refused)
    # The rendition's own address does not give it away either.
    assert client.get(rendition.url).status_code == 404

    client.force_login(django_user_model.objects.create_user("leserin", password="x" * 12))
    allowed = client.get(address)
    assert allowed.status_code == 200
    assert allowed["Content-Type"] == "image/png"
    assert body(allowed) == data
    assert "private" in allowed["Cache-Control"] and "public" not in allowed["Cache-Control"]
    assert allowed["X-Content-Type-Options"] == "nosniff"
    assert allowed["Content-Security-Policy"] == "default-src 'none'"


def test_a_group_restricted_poster_only_for_the_group(client, db, django_user_model):
    group = Group.objects.create(name="Fachbeirat")
    collection, restriction = restricted_collection(CollectionViewRestriction.GROUPS)
    restriction.groups.add(group)
    video = VideoDocumentFactory(collection=collection, poster=poster_image())
    _, data = rendition_bytes(video)
    address = reverse("documents:poster", args=[video.pk])

    assert client.get(address).status_code == 302
    outsider = django_user_model.objects.create_user("aussen", password="x" * 12)
    client.force_login(outsider)
    response = client.get(address)
    assert response.status_code != 200 and data not in body(response)

    member = django_user_model.objects.create_user("mitglied", password="x" * 12)
    member.groups.add(group)
    client.force_login(member)
    response = client.get(address)
    assert response.status_code == 200 and body(response) == data


def test_a_password_restricted_poster_after_the_password(client, db):
    collection, restriction = restricted_collection(
        CollectionViewRestriction.PASSWORD, password="geheim"
    )
    video = VideoDocumentFactory(collection=collection, poster=poster_image())
    _, data = rendition_bytes(video)
    address = reverse("documents:poster", args=[video.pk])

    form = client.get(address)
    assert form.status_code == 200 and 'name="password"' in form.content.decode()
    assert data not in body(form)
    answer = client.post(
        reverse("wagtaildocs_authenticate_with_password", args=[restriction.pk]),
        {"password": "geheim", "return_url": address},
    )
    assert answer.status_code == 302
    response = client.get(address)
    assert response.status_code == 200 and body(response) == data


def test_the_poster_of_a_video_waiting_for_release_is_hidden(client, db):
    video = VideoDocumentFactory(poster=poster_image())
    video.approved = False
    video.save()
    rendition, _ = rendition_bytes(video)
    assert video.poster_url == reverse("documents:poster", args=[video.pk])
    assert client.get(video.poster_url).status_code == 404
    assert client.get(rendition.url).status_code == 404


def test_a_video_without_poster(client, db):
    video = VideoDocumentFactory()
    address, _ = player_poster(client, video)
    assert address is None
    assert client.get(reverse("documents:poster", args=[video.pk])).status_code == 404


def test_other_images_stay_public(client, db):
    """An image that is no restricted video's poster: its renditions at /media/images/."""
    collection, _ = restricted_collection(CollectionViewRestriction.LOGIN)
    VideoDocumentFactory(collection=collection, poster=poster_image("Intern"))
    image = poster_image("Titelbild")
    rendition = image.get_rendition("fill-100x80")
    assert client.get(rendition.url).status_code == 200
