"""``{% fragmentcache "name" key … %}…{% endfragmentcache %}``: a rendered block kept under
the content version and today's date (``ec_site/fragments.py``).

Listings change when anything is published and when a day passes (an event moves from
the Ankündigungen to the Rückblick at midnight), so their rendered HTML is kept under
both. The keys name the variant (for a listing: scheme, host, path and the declared
parameters from ``listing_variant()``; for the page shell: the page and the origin with
path). When a key is ``None`` (parameters the listing does not know or did not accept, a
response without a page such as a 404) the block is rendered without the cache, and so
it is in a preview (like Wagtail's ``{% wagtailcache %}``) and while the cache is down."""

from django import template

from ec_site.fragments import get_fragment, set_fragment

register = template.Library()


class FragmentCacheNode(template.Node):
    def __init__(self, nodelist, fragment_name, keys):
        self.nodelist = nodelist
        self.fragment_name = fragment_name
        self.keys = keys

    def render(self, context):
        request = context.get("request")
        keys = [key.resolve(context, ignore_failures=True) for key in self.keys]
        if request is None or getattr(request, "is_preview", False) or None in keys:
            return self.nodelist.render(context)
        value = get_fragment(self.fragment_name, keys)
        if value is None:
            value = self.nodelist.render(context)
            set_fragment(self.fragment_name, keys, value)
        return value


@register.tag("fragmentcache")
def do_fragment_cache(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"'{bits[0]}' takes a fragment name and keys.")
    nodelist = parser.parse(("endfragmentcache",))
    parser.delete_first_token()
    keys = [parser.compile_filter(bit) for bit in bits[2:]]
    return FragmentCacheNode(nodelist, bits[1].strip("\"'"), keys)
