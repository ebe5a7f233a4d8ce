"""``{% fragmentcache "name" key %}…{% endfragmentcache %}``: Wagtail's ``{% wagtailcache %}``
(which never caches in a preview) under the content version and today's date.

Listings change when anything is published and when a day passes (an event moves from
the Ankündigungen to the Rückblick at midnight), so their rendered HTML is kept under
both. ``key`` names the variant (host, path, page number, filters: ``listing_variant()``
in ``ec_site/fragments.py``); when it is ``None`` (parameters the listing does not know,
a very long query string) the block is rendered without the cache, so odd query strings
cannot fill it. The cache is the ``template_fragments`` alias, switched off in
development and in the test suite."""

from django import template
from django.conf import settings
from django.utils import timezone
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from ec_site.content_version import content_version

register = template.Library()


class _Timeout:
    def resolve(self, context):
        return settings.FRAGMENT_CACHE_TIMEOUT


class _Variant:
    """The cache key's varying part: content version, today's date and the given key."""

    def __init__(self, key):
        self.key = key

    def resolve(self, context):
        today = timezone.localdate().isoformat()
        return f"{content_version()}:{today}:{self.key.resolve(context, ignore_failures=True)}"


class FragmentCacheNode(WagtailCacheNode):
    def __init__(self, nodelist, fragment_name, key):
        super().__init__(nodelist, _Timeout(), fragment_name, [_Variant(key)], None)
        self.key = key

    def render(self, context):
        if self.key.resolve(context, ignore_failures=True) is None:
            return self.nodelist.render(context)
        return super().render(context)


@register.tag("fragmentcache")
def do_fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a fragment name and a key.")
    nodelist = parser.parse(("endfragmentcache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, bits[1].strip("\"'"), parser.compile_filter(bits[2]))
