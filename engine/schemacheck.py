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


def schema_problems(data: Any, schema_name: str, source: str) -> list[Problem]:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match

    validator = Draft202012Validator(load_schema(schema_name))
    problems = []
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        if error.context:
            error = best_match(error.context)
        path = list(error.absolute_path)
        line, col = _position(data, path)
        where = _path_text(path)
        message = error.message if len(error.message) < 160 else error.message[:157] + "..."
        problems.append(Problem(source, f"{where + ': ' if where else ''}{message}", line, col))
    return problems
