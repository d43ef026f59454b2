"""The YAML parsers behind base/yamlio.py: PyYAML's SafeLoader with line numbers, and libyaml's parser under
PyYAML's composer where the two agree. Imported only when a text is parsed (PyYAML takes 20 ms to import)."""

from __future__ import annotations

import math
import re
from typing import Any

import yaml
from itaplan.base.errors import InputError, Problem
from itaplan.base.yamlnodes import LIBYAML_DISAGREES, MAX_DEPTH, MAX_INT_DIGITS, LineDict, LineList, plain_yaml, short
from yaml.events import AliasEvent


class _Checks:
    """What every itaplan YAML file is refused, whichever parser reads it: aliases, anchors, deep nesting."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(
                None, None, f"aliases (*{short(event.anchor, 40)}) are not allowed in itaplan files; write the "
                "value out in full", event.start_mark)
        event = self.peek_event()  # type: ignore[attr-defined]
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise yaml.composer.ComposerError(
                None, None, f"anchors (&{short(anchor, 40)}) are not allowed in itaplan files; write the "
                "value out in full", event.start_mark)
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                                  event.start_mark)
            return yaml.composer.Composer.compose_node(self, parent, index)  # type: ignore[arg-type]
        finally:
            self._depth -= 1


class _LineLoader(_Checks, yaml.SafeLoader):
    pass


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML without libyaml: the pure-Python parser reads everything
    CParser = None

if CParser is not None:
    class _FastLineLoader(_Checks, yaml.composer.Composer, CParser, yaml.constructor.SafeConstructor,  # type: ignore[misc]
                          yaml.resolver.Resolver):
        """libyaml's scanner and parser (C, five times faster) under PyYAML's own composer and constructors, so
        that the nodes, values and line numbers are those of _LineLoader. Used only for texts in which the two
        were found to agree (``_LIBYAML_AGREES``); any error is reported by _LineLoader, in its words."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line, result.column = node.start_mark.line + 1, node.start_mark.column + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark) from None
        if key in result:
            first = result.key_lines[key][0]
            raise yaml.constructor.ConstructorError(
                None, None, f"'{short(key)}' is given twice in this mapping (first on line {first}); keep one",
                key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.column = node.start_mark.line + 1, node.start_mark.column + 1
    result.item_lines = [(c.start_mark.line + 1, c.start_mark.column + 1) for c in node.value]
    return result


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_INT_DIGITS:
        raise yaml.constructor.ConstructorError(
            None, None, f"a number of {digits} digits is not a score, year or count", node.start_mark)
    text = str(node.value).replace("_", "")
    if re.fullmatch(r"[-+]?0[0-9]+", text):  # YAML 1.1 reads 010 as octal 8; a score or year typed 085 or 010 is decimal
        return int(text, 10)
    return yaml.SafeLoader.construct_yaml_int(loader, node)


def _construct_float(loader: _LineLoader, node: yaml.ScalarNode) -> float:
    if len(str(node.value)) > 400:
        raise yaml.constructor.ConstructorError(None, None, "a number this long is not a score", node.start_mark)
    value = yaml.SafeLoader.construct_yaml_float(loader, node)
    if not math.isfinite(value):
        raise yaml.constructor.ConstructorError(
            None, None, f"'{short(node.value)}' is not a finite number; give a number", node.start_mark)
    return value


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date as YAML reads it (2026-03-15 unquoted); one that is no real date (2026-02-30) stays the text it is,
    for the check of the file's dates to report where it is, rather than failing inside the YAML parser."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return str(node.value)


_NOT_READ = {"set": "a set (!!set)", "omap": "an ordered mapping (!!omap)", "pairs": "a list of pairs (!!pairs)",
             "binary": "binary data (!!binary)"}


def _refuse(loader: _LineLoader, node: yaml.Node) -> Any:
    """YAML's other types hold nothing an itaplan file needs, and a set could not even be kept in the parse cache:
    refused where they stand, as any other value that is not plain data."""
    kind = _NOT_READ.get(str(node.tag).rsplit(":", 1)[-1], str(node.tag))
    raise yaml.constructor.ConstructorError(None, None, f"{kind} is not a value itaplan reads; write a list or a "
                                                        "mapping", node.start_mark)


for _loader in (_LineLoader, *([_FastLineLoader] if CParser is not None else [])):
    for _tag in _NOT_READ:
        _loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    _loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
    _loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


# a key whose value starts with a { } group followed by more text (not a comment): meant as text
_BRACED_TEXT = re.compile(r"^\s*(?:-\s+)?(?P<key>[A-Za-z_][\w-]*):\s+(?P<value>\{[^{}]*\}\s*[^\s#,].*?)\s*$")


# PyYAML's context of a flow collection left open, and the bracket that opens and the one that closes it
_FLOWS = {"while parsing a flow mapping": "{}", "while parsing a flow sequence": "[]"}


def _load_noting_open_flow(text: str) -> Any:
    """yaml.load with _LineLoader; an error met inside a [ ] or { } notes the bracket still open (``open_flow``: the
    bracket and its mark), which PyYAML's error leaves out when the file ends after a comma (``[i1,``)."""
    loader = _LineLoader(text)  # a SafeLoader: plain data only
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        state = getattr(loader.states[-1], "__name__", "") if loader.states else ""
        if state.startswith(("parse_flow_sequence", "parse_flow_mapping")) and loader.marks:
            exc.open_flow = ("[]" if state.startswith("parse_flow_sequence") else "{}", loader.marks[-1])  # type: ignore[attr-defined]
        raise
    finally:
        loader.dispose()


def _never_closed(exc: yaml.MarkedYAMLError, text: str, source: str) -> InputError | None:
    """A quote, [ or { left open until the file ends, said where it opens rather than at the file's end (where PyYAML
    stops): the line to mend is the one that opens it."""
    problem = exc.problem or ""
    if "end of stream" not in problem and "<stream end>" not in problem:
        return None
    reason = f"stopped at line {exc.problem_mark.line + 1}: {short(problem, 100)}" if exc.problem_mark else problem
    mark = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and mark is not None:
        lines = text.split("\n")
        quote = lines[mark.line][mark.column] if mark.line < len(lines) and mark.column < len(lines[mark.line]) else '"'
        quote = quote if quote in "\"'" else '"'
        return InputError(Problem(source, f"not valid YAML: the quote `{quote}` opened here is never closed; close "
                                          f"the text with the same quote (PyYAML: {reason})",
                                  mark.line + 1, mark.column + 1))
    opened = getattr(exc, "open_flow", None)
    if opened is not None and problem.startswith("expected the node content"):  # `[i1,` and the file ends
        (bracket, closing), mark = opened
        return InputError(Problem(source, f"not valid YAML: the `{bracket}` opened here is never closed; close it "
                                          f"with `{closing}` (PyYAML: {reason})", mark.line + 1, mark.column + 1))
    return None


def parse(text: str, source: str) -> Any:
    """What yamlio.loads parses when the text is not in the cache."""
    if CParser is not None and not LIBYAML_DISAGREES.search(text):
        try:
            return yaml.load(text, Loader=_FastLineLoader)  # a SafeConstructor, as _LineLoader
        except (yaml.YAMLError, RecursionError):
            pass  # reported below, by PyYAML, as always
    try:
        return _load_noting_open_flow(text)
    except RecursionError:
        raise InputError(Problem(source, "not valid YAML: nested too deeply")) from None
    except ValueError:  # PyYAML's scanner reads a directive's numbers with int(): '%YAML 1.1999…' of 4,300+ digits
        raise InputError(Problem(source, "not valid YAML: a directive (%YAML or %TAG) holds a number too long to "
                                         "read")) from None
    except yaml.MarkedYAMLError as exc:
        never_closed = _never_closed(exc, text, source)
        if never_closed is not None:
            raise never_closed from None
        mark = exc.problem_mark or exc.context_mark
        if (exc.problem or "").startswith("could not find expected ':'") and exc.context_mark is not None:
            mark = exc.context_mark  # the key written without its ':' (PyYAML notices only on the line after it)
        reason = plain_yaml(exc.problem or exc.context or "not valid YAML")  # (shortened there: its words kept whole)
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        braced = _BRACED_TEXT.match(text.split("\n")[mark.line]) if mark and mark.line < text.count("\n") + 1 else None
        if braced:  # `recommendation: {agency} …`: a text whose first word is a placeholder, read as a { } mapping
            key, start = braced.group("key"), short(braced.group("value"), 30)
            raise InputError(Problem(source, f"not valid YAML: a text that begins with a brace must be in quotes, "
                                             f"or it is read as a mapping: write {key}: \"{start}\"",
                                     line, braced.start("value") + 1)) from None
        opened = _FLOWS.get(exc.context or "") if (exc.problem or "").startswith("expected ','") else None
        stray = re.search(r"but got '([]}])'$", exc.problem or "")
        if opened and stray and stray.group(1) != opened[1] and exc.context_mark is not None and line is not None:
            # `[รายงานผล }, …]`: a closing brace of the other kind inside the brackets, said where it is
            wrong, bracket, closing = stray.group(1), opened[0], opened[1]
            at_line, at_column = exc.context_mark.line + 1, exc.context_mark.column + 1
            raise InputError(Problem(source, f"not valid YAML: a `{wrong}` is not expected here, inside the `{bracket}` "
                                             f"opened at line {at_line}, column {at_column}: remove it, close the "
                                             f"`{bracket}` with `{closing}`, or put the text in quotes",
                                     line, column)) from None
        lines_of = text.split("\n")
        opened_at = exc.context_mark.line if exc.context_mark is not None else None
        if opened and opened[0] == "[" and opened_at is not None and opened_at < len(lines_of) and \
                re.search(r"\{[a-z_]+\}", lines_of[opened_at][exc.context_mark.column:]):  # type: ignore[union-attr]
            # `method: [สุ่มตรวจ…, รายงานผล…ของ{agency}]`: a placeholder inside a [ ] list is read as a { } mapping
            raise InputError(Problem(source, "not valid YAML: a {placeholder} inside a `[ ]` list is read as a "
                                             "mapping: put that item in quotes (\"…ของ{agency}\"), or write the list "
                                             "one item a line (- …)",
                                     opened_at + 1, exc.context_mark.column + 1)) from None  # type: ignore[union-attr]
        if opened and exc.context_mark is not None and line is not None:
            # PyYAML notices a { or [ left open only lines later (at the next key): said where it opens
            # (where PyYAML stopped and what it expected follow, in Thai too: yamlnodes.PYYAML_REASONS)
            bracket, closing = opened[0], opened[1]
            reason = f"stopped at line {line}: {short(exc.problem or '', 100)}"
            raise InputError(Problem(source, f"not valid YAML: the `{bracket}` opened here is never closed; close it "
                                             f"with `{closing}` (PyYAML: {reason})",
                                     exc.context_mark.line + 1, exc.context_mark.column + 1)) from None
        raise InputError(Problem(source, f"not valid YAML: {reason}", line, column)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(source, f"not valid YAML: {short(str(exc), 200)}")) from None


