"""Loading objects by a list of values with SQL compiled once per process.

Django compiles a queryset anew for every request, and for the small look-ups of a result
page (ten search hits, the pages that use a document) compiling costs more than running
the query. ``objects_in(model, "pk", ids)`` compiles ``model.objects.filter(pk__in=…)``
once per model, field, number of values and ``shape`` (a module-level function that
narrows the queryset: ``defer``, ``only``, ``annotate``), keeps the SQL and runs it as a
raw query with the new values. Only the values may change between calls, so ``shape``
must not depend on the request, the date or the content."""

import functools
import threading

from django.db.models.constants import LOOKUP_SEP


@functools.lru_cache(maxsize=512)
def _compiled(model, field_name, count, shape):
    """``(sql, params, where the values go)`` for ``count`` values."""
    placeholders = [f"-{number}" for number in range(1, count + 1)]
    queryset = model.objects.filter(**{f"{field_name}{LOOKUP_SEP}in": placeholders})
    if shape is not None:
        queryset = shape(queryset)
    sql, params = queryset.query.sql_with_params()
    params = list(params)
    as_text = [str(param) for param in params]
    for start in range(len(params) - count + 1):
        if as_text[start : start + count] == placeholders:
            return sql, params, start
    raise ValueError(f"{model.__name__}.{field_name}: the values are not parameters of the query")


def objects_in(model, field_name, values, shape=None):
    """The objects of ``model`` whose ``field_name`` is one of ``values`` (a raw query set:
    iterate it once), in the queryset's order, with ``shape`` applied."""
    field = model._meta.get_field(field_name) if field_name != "pk" else model._meta.pk
    values = sorted({field.to_python(value) for value in values})
    if not values:
        return []
    sql, params, start = _compiled(model, field_name, len(values), shape)
    params = [*params[:start], *values, *params[start + len(values) :]]
    return model.objects.raw(sql, params)


# Compiled SQL of querysets whose SQL depends only on a key the caller names. The lock
# matters where requests run in threads (the development server).
_compiled_by_key = {}
_compiled_lock = threading.Lock()
COMPILED_KEYS = 256


def compiled_sql(key, compile_sql):
    """``compile_sql()``'s ``(sql, params)``, kept in this process under ``key``: a hashable
    value naming everything the SQL depends on (the restricted paths, a date, …), so that
    a changed input gives a new key, never a stale statement. At most ``COMPILED_KEYS``
    are kept; the oldest go first."""
    with _compiled_lock:
        if key in _compiled_by_key:
            return _compiled_by_key[key]
    compiled = compile_sql()
    with _compiled_lock:
        while len(_compiled_by_key) >= COMPILED_KEYS:
            del _compiled_by_key[next(iter(_compiled_by_key))]
        _compiled_by_key[key] = compiled
    return compiled
