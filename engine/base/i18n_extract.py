"""Babel's extraction method for itaplan: the messages the interface prints, as gettext msgids.

itaplan writes its messages once, in English, where they arise (an error's text, a prompt, an option's help),
mostly as f-strings; :mod:`engine.i18n` translates them on the way out by matching the printed line against
msgids whose ``{fields}`` stand for the varying parts. This extractor turns the source into those msgids, so
``pybabel extract -F babel.cfg`` lists every message and ``pybabel update`` keeps the Thai catalogue in step:
an f-string ``f"{path}: no column {name!r}"`` becomes ``"{path}: no column {name}"``.

What counts as a message: a string given to an error or problem (``Problem``, ``InputError``, ``add``, ``warn``
…), to an output helper (``_echo``, ``echo``, ``ask``), an option's ``help=`` or ``prompt=``, a command's
docstring, a sentence appended to a list of problems or returned by a helper that words one, and a string
marked ``N_`` (engine/i18n_composed.py). Strings with no words of their own (``"{a}: {b}"``)
are left out: they hold nothing to translate.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from typing import Any

# callables whose string arguments are printed to the user
MESSAGE_CALLS = {
    "Problem", "InputError", "UsageError", "RuleError", "ItaplanError", "ChecksFailed", "ConfigError",
    "add", "warn", "need", "bad_row", "os_problem", "fail", "_echo", "echo", "ask", "confirm", "prompt",
    "Note", "BadParameter", "ClickException", "secho", "_problems_exit", "problem", "located", "print", "say",
    "text", "add_column", "Prompt", "ReportTarget", "N_", "StrayBrace", "suggesting", "_note",
}
MESSAGE_KEYWORDS = {"help", "prompt", "message", "reason", "en", "hint"}
WORDS = re.compile(r"[A-Za-z]{2,}")
_NAME = re.compile(r"[^a-z0-9_]")


def field_name(node: ast.AST) -> str:
    """A short name for the varying part of an f-string: the variable, attribute or function it shows."""
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif isinstance(node, ast.Call):
        name = field_name(node.func) if not (isinstance(node.func, ast.Name) and node.func.id in ("len", "str",
                                                                                               "repr", "int")) \
            else (field_name(node.args[0]) if node.args else "value")
    elif isinstance(node, ast.Subscript):
        name = field_name(node.value)
    else:
        name = "value"
    name = _NAME.sub("", name.lower().strip("_")) or "value"
    return name if name[0].isalpha() else "value"


def msgid_of(node: ast.AST) -> str | None:
    """The msgid a string expression stands for, or None when it is not a string built in place."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        seen: dict[str, int] = {}
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            elif isinstance(value, ast.FormattedValue):
                name = field_name(value.value)
                seen[name] = seen.get(name, 0) + 1
                parts.append("{%s}" % (name if seen[name] == 1 else f"{name}{seen[name]}"))
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = msgid_of(node.left), msgid_of(node.right)
        if left is not None and right is not None:
            return left + right
    return None


def worth_translating(msgid: str) -> bool:
    literal = re.sub(r"\{[a-z0-9_]+\}", "", msgid)
    thai = sum("\u0e00" <= ch <= "\u0e7f" for ch in literal)
    if not WORDS.search(literal) or thai > sum(ch.isascii() and ch.isalpha() for ch in literal):
        return False  # no English words, or a Thai sentence (the documents' own text) with a code in it
    if re.search(r"<[a-z/]", literal) or literal.strip().startswith(("-", "#")):  # markup, Typst, an option
        return False
    if re.match(r"\s*[a-z_]+(\.[a-z_]+)+\(", literal):  # a call in another language (Typst's table.cell(...))
        return False
    return " " in literal.strip() and len(WORDS.findall(literal)) >= 2  # a sentence, not a key or a field


def _call_name(call: ast.Call) -> str:
    return call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")


def _is_command(node: ast.FunctionDef) -> bool:
    for deco in node.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Attribute) and target.attr in ("command", "group"):
            return True
    return False


def messages(source: str) -> Iterator[tuple[int, str]]:
    """(line, msgid) of every message in one Python source."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and _is_command(node):
            doc = ast.get_docstring(node)
            if doc:
                yield node.lineno, doc
        if isinstance(node, ast.Return) and node.value is not None:  # a message made by a helper
            value = node.value
            for piece in [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]:
                msgid = msgid_of(piece)
                if msgid and worth_translating(msgid):
                    yield node.lineno, msgid
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        candidates: list[ast.AST] = []
        if name in MESSAGE_CALLS:
            candidates += node.args
        if name == "append" and node.args:
            candidates.append(node.args[0])
        candidates += [k.value for k in node.keywords if k.arg in MESSAGE_KEYWORDS]
        for arg in candidates:
            pieces: list[Any] = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            for piece in pieces:
                msgid = msgid_of(piece)
                if msgid and (name == "N_" or worth_translating(msgid)):
                    yield getattr(piece, "lineno", node.lineno), msgid


def extract(fileobj: Any, keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple[int, str, str, list]]:
    """Babel's extraction method interface: (line, funcname, message, comments)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, msgid in messages(source):
        yield line, "", msgid, []


def schema_texts(node: Any) -> Iterator[str]:
    """The titles and descriptions of a JSON Schema: what an editor shows on hover."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                yield value
            else:
                yield from schema_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_texts(value)


def extract_schema(fileobj: Any, keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple[int, str, str, list]]:
    """Babel's extraction method for the editor schemas (rules, recommendations): every title and description with
    English words in it, which a workspace made under a Thai interface shows in Thai (schemacheck.editor_schema)."""
    for text in dict.fromkeys(schema_texts(json.loads(fileobj.read().decode("utf-8")))):
        if WORDS.search(text):
            yield 1, "", text, []
