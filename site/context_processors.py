def fragment_keys(request):
    """The host (and host with path) that the shell's cached fragments are kept under,
    worked out once per request (``{% fragmentcache %}`` in base.html)."""
    host = request.get_host()
    return {"request_host": host, "request_key": f"{host}{request.path}"}
