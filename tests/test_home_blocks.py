"""Validation of the shared StreamField blocks (home/blocks.py)."""

import pytest
from django.core.exceptions import ValidationError

from home.blocks import LinkButtonBlock
from home.models import HomePage


@pytest.mark.parametrize("target", ["none", "both"])
def test_link_button_needs_exactly_one_target(db, target):
    block = LinkButtonBlock()
    page = HomePage.objects.get().pk if target == "both" else None
    url = "https://example.org/" if target == "both" else ""
    value = block.to_python({"label": "Mehr", "page": page, "url": url})
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert "entweder eine interne Seite oder eine externe Adresse" in str(
        refused.value.block_errors
    )
