"""Valid demo PDFs made on the spot (fpdf2), so the demo never downloads anything."""

from datetime import UTC, datetime

from fpdf import FPDF

# The PDF core fonts cover Latin-1; typographic characters outside it are mapped.
_REPLACEMENTS = str.maketrans(
    {"„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."}
)


def _latin1(text):
    return text.translate(_REPLACEMENTS).encode("latin-1", "replace").decode("latin-1")


def build_pdf(title, sections, author="Regiestelle E&C", subject="", created=None):
    """A PDF with a title page and one page per ``(heading, [paragraphs])`` section."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(title))
    pdf.set_author(_latin1(author))
    if subject:
        pdf.set_subject(_latin1(subject))
    # A fixed date keeps the bytes identical between runs of the demo command.
    pdf.set_creation_date(created or datetime(2006, 1, 1, tzinfo=UTC))
    pdf.set_auto_page_break(auto=True, margin=20)

    pdf.add_page()
    pdf.set_font("Helvetica", "B", 22)
    pdf.ln(60)
    pdf.multi_cell(0, 11, _latin1(title), align="C")
    pdf.ln(10)
    pdf.set_font("Helvetica", "", 13)
    pdf.multi_cell(0, 8, _latin1(f"Dokumentation - {author}"), align="C")
    if subject:
        pdf.ln(4)
        pdf.multi_cell(0, 8, _latin1(subject), align="C")

    for heading, paragraphs in sections:
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 15)
        pdf.multi_cell(0, 9, _latin1(heading))
        pdf.ln(3)
        pdf.set_font("Helvetica", "", 11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, _latin1(paragraph))
            pdf.ln(3)
    return bytes(pdf.output())
