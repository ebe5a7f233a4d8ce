"""The links of the box „Weitere Informationen …“ (home.blocks.RelatedLinkBlock): either an
internal page or an external address with a link text, said in German."""

import pytest
from wagtail.blocks import StructBlockValidationError

from home.blocks import RelatedLinkBlock

pytestmark = pytest.mark.django_db


def errors_of(**value):
    block = RelatedLinkBlock()
    try:
        block.clean(block.to_python({"label": "", "page": None, "url": "", **value}))
    except StructBlockValidationError as error:
        return {
            name: [str(message) for message in e.messages] for name, e in error.block_errors.items()
        }
    return {}


def test_a_page_alone_is_enough(home_page):
    assert errors_of(page=home_page.pk) == {}


def test_an_external_address_needs_a_link_text():
    assert errors_of(url="https://www.dji.de/") == {
        "label": ["Bitte geben Sie für die externe Adresse einen Linktext an."]
    }
    assert errors_of(url="https://www.dji.de/", label="Deutsches Jugendinstitut") == {}


@pytest.mark.parametrize("both", [True, False])
def test_exactly_one_of_page_and_address(home_page, both):
    value = {"page": home_page.pk, "url": "https://www.dji.de/", "label": "DJI"} if both else {}
    assert errors_of(**value) == {
        "page": ["Bitte wählen Sie entweder eine interne Seite oder eine externe Adresse."]
    }
