"""Volume builders for the benchmark, one per content domain. Each returns the
(label, path) pairs of the pages it wants measured."""

from home.models import HomePage, SectionPage


def build_sections(count):
    from home.demo import ensure_page, heading, paragraph

    home = HomePage.objects.get()
    container, _ = ensure_page(
        home, SectionPage, "materialien", title="Materialien", show_in_menus=True
    )
    body = heading("Abschnitt") + paragraph(
        "Die Programmplattform E&C bündelte Angebote der Kinder- und Jugendhilfe in "
        "Stadtteilen mit besonderem Entwicklungsbedarf. " * 6
    )
    for n in range(count):
        ensure_page(container, SectionPage, f"seite-{n}", title=f"Materialseite {n}", body=body)
    return [("Startseite", "/"), ("Rubrikseite", "/basisinfo/regiestelle/")]


def build_all(scaled):
    urls = []
    urls += build_sections(scaled("sections"))
    return urls
