import unittest

import pytest
from django.core.cache import caches

from ec_site.cache_backends import forget_failures


def clear_caches():
    for alias in caches:
        caches[alias].clear()
    forget_failures()  # a store that failed in one test is not skipped in the next


@pytest.fixture(autouse=True)
def _clear_cache():
    clear_caches()
    yield
    clear_caches()


@pytest.fixture(autouse=True)
def _own_media_folder(request, settings, tmp_path):
    # Files outlive the database rollback: in a folder of its own no test sees the files
    # of another (a file name already taken gets a random suffix). Test classes of Django's
    # TestCase keep the common folder: their setUpTestData writes files before this runs.
    if not isinstance(request.instance, unittest.TestCase):
        settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's fixture, signed in with the second factor (tests/login.py)."""
    from django.test import Client

    from tests.login import log_in

    return log_in(Client(), admin_user)


@pytest.fixture
def superuser_client(client, django_user_model):
    from tests.login import log_in

    user = django_user_model.objects.create_superuser("chefin", "chefin@example.org", "pw")
    return log_in(client, user)


@pytest.fixture
def root_collection(db):
    from wagtail.models import Collection

    return Collection.get_first_root_node()
