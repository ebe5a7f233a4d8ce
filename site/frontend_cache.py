"""The CDN / proxy purge (``wagtail.contrib.frontend_cache``), sent once the change is
committed. Wagtail purges as the publish signal fires, inside the transaction: a proxy
that fetched the page again at that moment would keep the old version."""

from django.db import transaction
from wagtail.contrib.frontend_cache.backends import HTTPBackend


class CommittedHTTPBackend(HTTPBackend):
    def purge(self, url):
        transaction.on_commit(lambda: super(CommittedHTTPBackend, self).purge(url), robust=True)
