"""Old pages as lines of text: HTML (with its <br> soup and layout tables) or plain text."""

import html
import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment

BLOCK_TAGS = {
    "address", "blockquote", "center", "dd", "div", "dl", "dt", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "table", "tbody", "td", "th", "tr", "ul", "title",
}  # fmt: skip
DROPPED_TAGS = {"script", "style", "noscript", "head", "select", "option", "button", "textarea"}
HEADING_TAGS = {"h1", "h2", "h3"}

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f]+")
_LOOKS_LIKE_HTML = re.compile(r"<\s*(html|body|p|br|table|div|a|font|b|td)\b", re.IGNORECASE)


@dataclass
class Link:
    href: str
    text: str


@dataclass
class OldText:
    """The blocks of an old page (each a list of lines), its links and its headings."""

    blocks: list = field(default_factory=list)
    links: list = field(default_factory=list)
    headings: list = field(default_factory=list)


def read_text(text):
    """Blocks of lines from an old page's HTML or plain text."""
    if _LOOKS_LIKE_HTML.search(text[:20000]):
        return _read_html(text)
    return _read_plain(text)


def _read_plain(text):
    result = OldText()
    text = html.unescape(text)  # saved text still holds „&amp;“ now and then
    for chunk in re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n")):
        lines = [clean_line(line) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            result.blocks.append(lines)
    return result


_BLOCK_MARK = "\x00"
_BREAK_MARK = "\x01"


def _read_html(text):
    soup = BeautifulSoup(text, "html.parser")
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        comment.extract()
    for tag in soup.find_all(DROPPED_TAGS):
        tag.decompose()
    result = OldText()
    for anchor in soup.find_all("a", href=True):
        result.links.append(Link(anchor["href"].strip(), clean_line(anchor.get_text(" "))))
    for tag in soup.find_all(HEADING_TAGS):
        heading = clean_line(tag.get_text(" "))
        if heading:
            result.headings.append(heading)
    for tag in soup.find_all("br"):
        tag.replace_with(_BREAK_MARK)
    for tag in soup.find_all(BLOCK_TAGS):
        tag.insert_before(_BLOCK_MARK)
        tag.insert_after(_BLOCK_MARK)
    flat = soup.get_text()
    # Two <br> in a row end a paragraph, like a blank line in plain text.
    flat = re.sub(rf"{_BREAK_MARK}\s*{_BREAK_MARK}+", _BLOCK_MARK, flat)
    for chunk in flat.split(_BLOCK_MARK):
        lines = _join_source_breaks(chunk)
        if lines:
            result.blocks.append(lines)
    return result


def _join_source_breaks(chunk):
    """Lines of an HTML chunk: <br> breaks a line, a newline in the source does not."""
    lines = []
    for piece in chunk.split(_BREAK_MARK):
        line = clean_line(piece.replace("\n", " ").replace("\r", " "))
        if line:
            lines.append(line)
    return lines


def clean_line(line):
    return _SPACES.sub(" ", line.replace("\n", " ").replace("\r", " ")).strip()


# Opening and closing quotes as old pages wrote them, made German: „…“.
_STRAIGHT_PAIR = re.compile(r"""(?:,,|"|“|”|»|«|„)(?P<inner>[^"“”»«„]+?)(?:''|"|“|”|«|»)""")


def german_quotes(text):
    """„…“ for every pair of quotes (straight, English, guillemets, ,,…'')."""
    return _STRAIGHT_PAIR.sub(lambda match: f"„{match.group('inner')}“", text)
