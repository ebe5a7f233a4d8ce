"""The E&C project package (settings, URLs, WSGI, base templates, static files).

The folder is called ``site/`` but the package is imported as ``ec_site``: the
standard library already owns the module name ``site``. ``pyproject.toml`` maps the
folder to that name with ``package-dir``.
"""
