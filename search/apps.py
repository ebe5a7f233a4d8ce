from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Suche"

    def ready(self):
        from django.conf import settings
        from django.db.backends.signals import connection_created

        from ec_site import variants
        from ec_site.page_cache import served_from_cache

        from .stemming import register_sql_function
        from .views import count_cached_search

        connection_created.connect(register_sql_function, dispatch_uid="search-german-stems")
        served_from_cache.connect(count_cached_search, dispatch_uid="search-count-cached")
        variants.register_query_parameters("q", "typ", "page")
        # Any words are a valid search: the cached result pages share a fixed number of
        # slots per content version, so junk queries cannot fill the cache.
        variants.limit_entries("search", lambda: settings.SEARCH_CACHE_ENTRIES)
