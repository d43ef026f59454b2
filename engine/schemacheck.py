"""JSON Schema validation of YAML data, with each error placed at its file:line:col."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import Problem
from .yamlio import LineDict, LineList


@lru_cache(maxsize=None)
def load_schema(name: str) -> dict:
    return json.loads((Path(__file__).parent / name).read_text(encoding="utf-8"))


def _position(data: Any, path: list) -> tuple[int | None, int | None]:
    node, line, col = data, getattr(data, "line", None), getattr(data, "column", None)
    for key in path:
        if isinstance(node, (LineDict, LineList)):
            try:
                line, col = node.pos_of(key)
                node = node[key]
                continue
            except (KeyError, IndexError, TypeError):
                break
        break
    return line, col


def _path_text(path: list) -> str:
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


def _most_specific(error: Any) -> Any:
    """Inside oneOf/anyOf, the error of the branch that had the right type, as deep as it goes."""
    while error.context:
        candidates = [e for e in error.context if e.validator != "type"] or list(error.context)
        error = max(candidates, key=lambda e: (len(e.absolute_path), e.validator not in ("oneOf", "anyOf")))
    return error


def schema_errors(data: Any, schema_name: str, source: str) -> list[tuple[Problem, list]]:
    """Each schema error as a located Problem, with the path (keys and indexes) of what it is about."""
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(load_schema(schema_name))
    out = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        path = list(error.absolute_path)
        error = _most_specific(error)
        detail_path = list(error.absolute_path)
        line, col = _position(data, detail_path)
        where = _path_text(detail_path)
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        out.append((Problem(source, f"{where + ': ' if where else ''}{message}", line, col), path))
    return out


def schema_problems(data: Any, schema_name: str, source: str) -> list[Problem]:
    return [problem for problem, _ in schema_errors(data, schema_name, source)]
