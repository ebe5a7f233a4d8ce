from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Suche"

    def ready(self):
        from ec_site.page_cache import served_from_cache

        from .views import count_cached_search

        served_from_cache.connect(count_cached_search, dispatch_uid="search-count-cached")
