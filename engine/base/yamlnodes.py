"""The plain data YAML files are read into, with the line of each key and item, and the limits every parser
of an itaplan YAML file applies: shared by the parsers (yamlparse), the parse cache and the readers (yamlio)."""

from __future__ import annotations

import re
from typing import Any

from itaplan.base.i18n_composed import N_


class LineDict(dict):
    """A mapping that remembers the line (1-based) of itself and of each key."""

    line: int = 0
    column: int = 0
    key_lines: dict[Any, tuple[int, int]]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, (self.line, self.column))[0]

    def pos_of(self, key: Any) -> tuple[int, int]:
        return self.key_lines.get(key, (self.line, self.column))


class LineList(list):
    """A sequence that remembers the line of itself and of each item."""

    line: int = 0
    column: int = 0
    item_lines: list[tuple[int, int]]

    def line_of(self, index: int) -> int:
        return self.item_lines[index][0] if index < len(self.item_lines) else self.line

    def pos_of(self, index: int) -> tuple[int, int]:
        return self.item_lines[index] if index < len(self.item_lines) else (self.line, self.column)


MAX_BYTES = 20 * 1024 * 1024  # no results, rule, plan or settings file comes near this
MAX_INT_DIGITS = 30
MAX_DEPTH = 200


# Texts that libyaml reads otherwise than PyYAML (found by comparing the two on random texts): characters
# outside printable Unicode, tabs, carriage returns and the other line breaks, a BOM; a block scalar header
# followed by '#'; tags, anchors, aliases and directives. They, and any text libyaml refuses, are read by
# PyYAML alone. (The class lists the characters refused, not those allowed: 0.6 ms to compile, not 6.)
LIBYAML_DISAGREES = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff\U00010000-\U0010ffff]|[|>][-+0-9]*#|[!&*%]")


def short(value: Any, limit: int = 60) -> str:
    """A value for an error message: never the whole of a huge value, always one line."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text[: limit * 4].split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_YAML_WORDS = {
    "expected <block end>, but found": N_("check the indentation: this line is not lined up with the lines above it "
                                          "(PyYAML: {reason})"),
    "mapping values are not allowed here": N_("a ':' where none is expected; put text with ':' in quotes, or check "
                                              "the indentation (PyYAML: {reason})"),
    "could not find expected ':'": N_("a key without ':' (write key: value), or a text that needs quotes "
                                      "(PyYAML: {reason})"),
    "found character '\\t' that cannot start any token": N_("a tab character; indent with spaces (PyYAML: {reason})"),
    "found unexpected end of stream": N_("the file ends inside a quote or bracket; close it (PyYAML: {reason})"),
    "while scanning a quoted scalar": N_("a quote is not closed (PyYAML: {reason})"),
    "expected the node content, but found '<stream end>'": N_("the file ends where a value is expected; finish the "
                                                              "last line or remove it (PyYAML: {reason})"),
    "expected ',' or ']'": N_("a list in [ ] is not closed with ] (PyYAML: {reason})"),
    "expected ',' or '}'": N_("a mapping in { } is not closed with } (PyYAML: {reason})"),
    "found undefined alias": N_("a '*' starts a word; put the text in quotes (PyYAML: {reason})"),
    "could not determine a constructor for the tag": N_("a tag (a word after '!') that rule and results files do not "
                                                       "use; remove it or put the text in quotes (PyYAML: {reason})"),
    "found character that cannot start any token": N_("a line starts with a character YAML reserves (such as @ or "
                                                      "`); put the text in quotes (PyYAML: {reason})"),
}


# PyYAML's own reasons, as they follow "PyYAML:" in the messages above, and the tokens they name: for the Thai
# catalogue, so that a Thai message gives the same detail as the English one (where PyYAML stopped, what it
# expected and what it found); a reason not among them is shown as PyYAML gives it.
PYYAML_REASONS = (
    N_("stopped at line {line}: {problem}"),
    N_("expected {expected}, but found {found}"),
    N_("expected {expected}, but got {found}"),
    N_("mapping values are not allowed here"),
    N_("could not find expected ':'"),
    N_("found unexpected end of stream"),
    N_("found character {character} that cannot start any token"),
    N_("found undefined alias {alias}"),
    N_("could not determine a constructor for the tag {tag}"),
    N_("aliases (*{name}) are not allowed in itaplan files; write the value out in full"),  # yamlparse's own
    N_("anchors (&{name}) are not allowed in itaplan files; write the value out in full"),
    N_("',' or ']'"),
    N_("',' or '}'"),
    N_("<block end>"),
    N_("the node content"),
    N_("'<stream end>'"),
    N_("'<block end>'"),
    N_("'<block mapping start>'"),
    N_("'<block sequence start>'"),
    N_("'<scalar>'"),
)


# any other reason: what every YAML syntax error comes down to, so a Thai interface never shows PyYAML's English
_PYYAML_OWN = ("while ", "expected ", "found ", "could not ", "did not find ", "unacceptable ", "mapping ",
               "block ", "sequence ")
_YAML_OTHER = N_("check the indentation, quotes and brackets on this line and the one above (PyYAML: {reason})")


def plain_yaml(reason: str) -> str:
    """PyYAML's reason in plain words (the original follows, shortened, for the expert; in Thai it is said in Thai
    through ``PYYAML_REASONS``)."""
    for prefix, words in _YAML_WORDS.items():
        if reason.startswith(prefix):
            return words.replace("{reason}", short(reason, 100))  # not format(): some words hold a literal { }
    if reason.startswith(_PYYAML_OWN):  # PyYAML's own words; itaplan's (an anchor, a key given twice) are kept
        return _YAML_OTHER.replace("{reason}", short(reason, 100))
    return short(reason, 200)
