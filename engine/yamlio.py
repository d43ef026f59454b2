"""Safe YAML with line numbers, so every error can name the line it is about.

Only plain data is built (SafeLoader): nothing in a rule, plan or results file is ever executed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem


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


class _LineLoader(yaml.SafeLoader):
    pass


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
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line, result.column = node.start_mark.line + 1, node.start_mark.column + 1
    result.item_lines = [(c.start_mark.line + 1, c.start_mark.column + 1) for c in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def loads(text: str, source: str) -> Any:
    """Parse YAML text; a syntax error becomes an InputError naming ``source:line:col``."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        reason = exc.problem or exc.context or "not valid YAML"
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        raise InputError(Problem(source, f"not valid YAML: {reason}", line, column)) from None
    except yaml.YAMLError as exc:
        raise InputError(Problem(source, f"not valid YAML: {exc}")) from None


def read_text(path: Path) -> str:
    """Read a UTF-8 text file (a BOM is allowed) or fail with a located, readable error."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(str(path), "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(str(path), "is a folder, not a file")) from None
    except OSError as exc:
        raise InputError(Problem(str(path), f"cannot be read: {exc.strerror}")) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Problem(str(path), f"is not UTF-8 text (byte {exc.start}); save it as UTF-8")) from None


def load_file(path: Path) -> Any:
    return loads(read_text(path), str(path))


def plain(data: Any) -> Any:
    """Strip the line-number subclasses (for JSON output and equality in tests)."""
    if isinstance(data, dict):
        return {k: plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    return data
