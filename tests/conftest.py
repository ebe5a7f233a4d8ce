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


@pytest.fixture
def home_page(db):
    from home.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def site(db):
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)
