"""``{% fragmentcache "name" key … %}…{% endfragmentcache %}``: Wagtail's ``{% wagtailcache %}``
(which never caches in a preview) under the content version and today's date.

Listings change when anything is published and when a day passes (an event moves from
the Ankündigungen to the Rückblick at midnight), so their rendered HTML is kept under
both. The keys name the variant (for a listing: host, path, page number and filters from
``listing_variant()`` in ``ec_site/fragments.py``; for the page shell: the page, host and
path). When a key is ``None`` (parameters the listing does not know, a very long query
string, a response without a page such as a 404) the block is rendered without the
cache, so odd requests cannot fill it. The cache is the ``template_fragments`` alias,
switched off in development and in the test suite."""

from django import template
from django.conf import settings
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from ec_site.content_version import cache_day, content_version

register = template.Library()


class _Timeout:
    def resolve(self, context):
        return settings.FRAGMENT_CACHE_TIMEOUT


class _Variant:
    """The cache key's varying part: content version, today's date and the node's keys
    (resolved once per render by ``FragmentCacheNode.render``)."""

    def __init__(self, node):
        self.node = node

    def resolve(self, context):
        keys = context.render_context[self.node]
        return ":".join([content_version(), cache_day(), *map(str, keys)])


class FragmentCacheNode(WagtailCacheNode):
    def __init__(self, nodelist, fragment_name, keys):
        super().__init__(nodelist, _Timeout(), fragment_name, [_Variant(self)], None)
        self.keys = keys

    def render(self, context):
        keys = [key.resolve(context, ignore_failures=True) for key in self.keys]
        if any(key is None for key in keys):
            return self.nodelist.render(context)
        context.render_context[self] = keys
        return super().render(context)


@register.tag("fragmentcache")
def do_fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a fragment name and keys.")
    nodelist = parser.parse(("endfragmentcache",))
    parser.delete_first_token()
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentCacheNode(nodelist, bits[1].strip("\"'"), keys)
