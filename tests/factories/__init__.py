"""Test factories on wagtail_factories, one module per app (home, documents, ...)."""
