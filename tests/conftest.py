import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _own_media_folder(settings, tmp_path):
    # Files outlive the database rollback: in a folder of its own no test sees the files
    # of another (a file name already taken gets a random suffix).
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
