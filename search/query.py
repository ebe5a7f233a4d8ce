"""What a visitor typed, read with the syntax of web search engines (PostgreSQL's
``websearch_to_tsquery``): words must all occur, ``"quoted words"`` as a phrase, ``OR``
between two terms for either, ``-word`` or ``-"a phrase"`` to exclude.

Any input is a valid query: an unbalanced quote runs to the end, operators without a
term are ignored, and only words (letters and digits) ever reach the database."""

from dataclasses import dataclass, field

from .text import MAX_QUERY_WORDS, WORD

OR_WORDS = {"or", "oder"}


@dataclass(frozen=True)
class Term:
    """One word, or several as a phrase (they must follow each other); negated: must
    not occur."""

    words: tuple
    negated: bool = False

    @property
    def is_phrase(self):
        return len(self.words) > 1


@dataclass
class ParsedQuery:
    # All groups must match; a group matches when one of its terms does.
    groups: list = field(default_factory=list)

    @property
    def is_searchable(self):
        """Some word must occur: a query of exclusions only would list the whole site."""
        return any(not term.negated for group in self.groups for term in group)

    @property
    def positive_words(self):
        """The words that are looked for (for marking them in excerpts)."""
        return [
            word
            for group in self.groups
            for term in group
            if not term.negated
            for word in term.words
        ]

    @property
    def has_exclusions(self):
        return any(term.negated for group in self.groups for term in group)

    @property
    def matches_most_entries(self):
        """Whether every group has an exclusion as an alternative (``"a phrase" OR -word``):
        then everything without that word matches, whatever the other terms are."""
        return self.is_searchable and all(
            any(term.negated for term in group) and len(group) > 1 for group in self.groups
        )

    @property
    def uses_syntax(self):
        return any(
            len(group) > 1 or group[0].is_phrase or group[0].negated for group in self.groups
        )

    def websearch(self):
        """The query in ``websearch_to_tsquery``'s syntax, rebuilt from its words only."""
        return " ".join(
            " or ".join(_websearch_term(term) for term in group) for group in self.groups
        )


def _websearch_term(term):
    text = " ".join(term.words)
    text = f'"{text}"' if term.is_phrase else text
    return f"-{text}" if term.negated else text


def _tokens(query):
    """(kind, value) pairs: ("term", Term), ("or", None), ("not", None)."""
    position = 0
    length = len(query)
    while position < length:
        char = query[position]
        if char.isspace():
            position += 1
        elif char == '"':
            end = query.find('"', position + 1)
            end = length if end < 0 else end
            words = tuple(WORD.findall(query[position + 1 : end]))
            if words:
                yield "term", Term(words)
            position = end + 1
        elif char == "-" and (position == 0 or query[position - 1].isspace()):
            yield "not", None
            position += 1
        else:
            end = position
            while end < length and not query[end].isspace() and query[end] != '"':
                end += 1
            chunk = query[position:end]
            words = WORD.findall(chunk)
            if len(words) == 1 and words[0].lower() in OR_WORDS and chunk == words[0]:
                yield "or", None
            else:
                for word in words:
                    yield "term", Term((word,))
            position = end


def parse(query):
    """A ``ParsedQuery`` of a cleaned query string (``text.clean_query``). At most
    ``MAX_QUERY_WORDS`` words are kept."""
    parsed = ParsedQuery()
    negate = join_with_previous = False
    budget = MAX_QUERY_WORDS
    for kind, value in _tokens(query):
        if kind == "not":
            negate = True
            continue
        if kind == "or":
            # Between two terms; at the start it is ignored.
            join_with_previous = bool(parsed.groups)
            continue
        words = value.words[:budget]
        if not words:
            break
        budget -= len(words)
        term = Term(words, negated=negate)
        if join_with_previous:
            parsed.groups[-1].append(term)
        else:
            parsed.groups.append([term])
        negate = join_with_previous = False
    return parsed
