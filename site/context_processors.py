from . import variants


def fragment_keys(request):
    """The origin (scheme and host) and origin with path that the shell's cached
    fragments are kept under, worked out once per request (``{% fragmentcache %}`` in
    base.html)."""
    origin = variants.origin(request)
    return {"request_host": origin, "request_key": f"{origin}{request.path}"}
