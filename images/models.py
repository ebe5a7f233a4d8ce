from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class CustomImage(AbstractImage):
    """The site's image model, swapped in from the first migration so fields can be
    added later without migrating a live image library."""

    copyright = models.CharField(
        "Bildnachweis",
        max_length=255,
        blank=True,
        help_text="Fotograf/in oder Rechteinhaber, z. B. „Foto: Regiestelle E&C“.",
    )

    admin_form_fields = (*Image.admin_form_fields, "copyright")

    class Meta(AbstractImage.Meta):
        verbose_name = "Bild"
        verbose_name_plural = "Bilder"


class CustomRendition(AbstractRendition):
    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
