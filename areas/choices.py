"""The fixed vocabularies of the E&C areas: Länder, kinds of area, programme status."""

from django.db import models


class Bundesland(models.TextChoices):
    """The 16 Länder in alphabetical order; the value is the slug used in URLs."""

    BADEN_WUERTTEMBERG = "baden-wuerttemberg", "Baden-Württemberg"
    BAYERN = "bayern", "Bayern"
    BERLIN = "berlin", "Berlin"
    BRANDENBURG = "brandenburg", "Brandenburg"
    BREMEN = "bremen", "Bremen"
    HAMBURG = "hamburg", "Hamburg"
    HESSEN = "hessen", "Hessen"
    MECKLENBURG_VORPOMMERN = "mecklenburg-vorpommern", "Mecklenburg-Vorpommern"
    NIEDERSACHSEN = "niedersachsen", "Niedersachsen"
    NORDRHEIN_WESTFALEN = "nordrhein-westfalen", "Nordrhein-Westfalen"
    RHEINLAND_PFALZ = "rheinland-pfalz", "Rheinland-Pfalz"
    SAARLAND = "saarland", "Saarland"
    SACHSEN = "sachsen", "Sachsen"
    SACHSEN_ANHALT = "sachsen-anhalt", "Sachsen-Anhalt"
    SCHLESWIG_HOLSTEIN = "schleswig-holstein", "Schleswig-Holstein"
    THUERINGEN = "thueringen", "Thüringen"


# The usual two-letter abbreviations, accepted by the CSV import.
BUNDESLAND_ABBREVIATIONS = {
    "BW": Bundesland.BADEN_WUERTTEMBERG,
    "BY": Bundesland.BAYERN,
    "BE": Bundesland.BERLIN,
    "BB": Bundesland.BRANDENBURG,
    "HB": Bundesland.BREMEN,
    "HH": Bundesland.HAMBURG,
    "HE": Bundesland.HESSEN,
    "MV": Bundesland.MECKLENBURG_VORPOMMERN,
    "NI": Bundesland.NIEDERSACHSEN,
    "NW": Bundesland.NORDRHEIN_WESTFALEN,
    "RP": Bundesland.RHEINLAND_PFALZ,
    "SL": Bundesland.SAARLAND,
    "SN": Bundesland.SACHSEN,
    "ST": Bundesland.SACHSEN_ANHALT,
    "SH": Bundesland.SCHLESWIG_HOLSTEIN,
    "TH": Bundesland.THUERINGEN,
}


class Gebietsart(models.TextChoices):
    SOZIALE_STADT = "soziale-stadt", "Städtisches Gebiet der Sozialen Stadt"
    LAENDLICHE_REGION = "laendliche-region", "Strukturschwache ländliche Region"


class SozialeStadtStatus(models.TextChoices):
    AKTIV = "aktiv", "Aktiv"
    RUHEND = "ruhend", "Teilnahme ruhend"
    BEENDET = "beendet", "Beendet"


class Programm(models.TextChoices):
    """Programmes an area can take part in (the filter on the Gebietslisten)."""

    SOZIALE_STADT = "soziale-stadt", "Soziale Stadt"
    LOS = "los", "LOS – Lokales Kapital für soziale Zwecke"
    KUQ = "kuq", "KuQ – Kompetenz und Qualifikation für junge Menschen"


# The Soziale Stadt started in 1999; in 2020 it became "Sozialer Zusammenhalt".
FIRST_ADMISSION_YEAR = 1999
LAST_ADMISSION_YEAR = 2019


def programme_errors(kind, admission_year, status):
    """Rules between kind, admission year and status: ``{field: message}``.

    Shared by the page editor (``AreaPage.clean``) and the CSV import."""
    errors = {}
    if kind == Gebietsart.LAENDLICHE_REGION:
        if admission_year:
            errors["admission_year"] = (
                "Eine ländliche Region gehört nicht zur Sozialen Stadt; "
                "bitte kein Aufnahmejahr angeben."
            )
        if status:
            errors["soziale_stadt_status"] = (
                "Eine ländliche Region gehört nicht zur Sozialen Stadt; "
                "bitte keinen Status angeben."
            )
        return errors
    if admission_year and not status:
        errors["soziale_stadt_status"] = "Bitte geben Sie den Status in der Sozialen Stadt an."
    if status and not admission_year:
        errors["admission_year"] = "Bitte geben Sie das Jahr der Aufnahme in die Soziale Stadt an."
    return errors
