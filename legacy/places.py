"""The place of a date line split into the site's „Ort“ (city) and „Veranstaltungsort“ (venue)."""

import re

# Words that name a building or a room, not a town.
_VENUE_WORDS = re.compile(
    r"haus\b|\whalle\b|hotel|zentrum\b|center\b|akademie|jugendherberge|tagungs|saal\b|"
    r"kirche\b|schloss\b|kloster\b|messe\b|universität|hochschule|schule\b|bildungsstätte|"
    r"ministerium|senat\b|landtag|bundestag|straße\b|str\.|platz\b|allee\b|ufer\b",
    re.IGNORECASE,
)


def split_place(place):
    """(city, venue): „Rathaus Schöneberg, Berlin“ → („Berlin“, „Rathaus Schöneberg“);
    „Wien, Österreich“ and „Bochum und Dortmund“ stay one city."""
    if not place:
        return "", ""
    parts = [part.strip() for part in place.split(",") if part.strip()]
    venues = [part for part in parts if _VENUE_WORDS.search(part)]
    towns = [part for part in parts if part not in venues]
    if not towns:
        # Only a building: an editor adds the town; the building is kept as the venue.
        return "", ", ".join(venues)
    return ", ".join(towns), ", ".join(venues)
