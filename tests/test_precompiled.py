"""ec_site/precompiled.py: small look-ups with SQL compiled once per process, and SQL kept
under a key that names what it depends on."""

import pytest

from ec_site import precompiled
from home.models import SectionPage
from tests.factories.home import SectionPageFactory

pytestmark = pytest.mark.django_db


def without_body(queryset):
    return queryset.defer("body")


def test_the_same_shape_loads_other_values(home_page):
    pages = [SectionPageFactory(title=f"Rubrik {number}") for number in range(4)]
    first = precompiled.objects_in(SectionPage, "pk", [pages[0].pk, pages[1].pk], without_body)
    assert [page.title for page in first] == ["Rubrik 0", "Rubrik 1"]
    # Same model, field, number and shape: the kept SQL, run with the new values.
    again = precompiled.objects_in(SectionPage, "pk", [str(pages[3].pk), pages[2].pk], without_body)
    loaded = list(again)
    assert [page.title for page in loaded] == ["Rubrik 2", "Rubrik 3"]
    assert "body" in loaded[0].get_deferred_fields()
    assert isinstance(loaded[0], SectionPage)


def test_duplicates_missing_and_no_values(home_page):
    page = SectionPageFactory(title="Rubrik")
    assert [
        p.title for p in precompiled.objects_in(SectionPage, "pk", [page.pk, page.pk, 999999])
    ] == ["Rubrik"]
    assert list(precompiled.objects_in(SectionPage, "pk", [])) == []


def test_compiled_sql_is_kept_per_key_and_bounded(monkeypatch):
    monkeypatch.setattr(precompiled, "COMPILED_KEYS", 2)
    calls = []

    def compile_for(name):
        def compile_sql():
            calls.append(name)
            return f"SELECT {name}", []

        return compile_sql

    first, second, third = object(), object(), object()
    assert precompiled.compiled_sql(first, compile_for("a")) == ("SELECT a", [])
    assert precompiled.compiled_sql(first, compile_for("b")) == ("SELECT a", [])
    precompiled.compiled_sql(second, compile_for("c"))
    precompiled.compiled_sql(third, compile_for("d"))  # the oldest key goes
    assert precompiled.compiled_sql(first, compile_for("e")) == ("SELECT e", [])
    assert calls == ["a", "c", "d", "e"]
