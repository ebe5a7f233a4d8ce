from django.db import models


class IndexedWord(models.Model):
    """A word of the search index (titles and texts of pages and documents), for „Meinten
    Sie …?“ suggestions. Kept current by the search backend (``search/backend.py``) on
    every indexing; words of deleted content stay, which is harmless: a suggestion is
    only made when it finds something."""

    word = models.CharField("Wort (klein geschrieben)", max_length=64, unique=True)
    spelling = models.CharField("Schreibweise", max_length=64)

    class Meta:
        verbose_name = "Wort des Suchindex"
        verbose_name_plural = "Wörter des Suchindex"

    def __str__(self):
        return self.spelling
