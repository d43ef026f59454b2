"""``itaplan init``: an office's workspace, layered over the built-in rules and recommendations.

By default the workspace is an overlay: ``rules/`` and ``recommendations/`` hold a commented starter file
each (a rule, an override of one built-in text, a switched-off rule), so later fixes to the built-in sets
still reach the office; ``--copy`` copies the whole built-in sets instead. A workspace file
(``itaplan.yaml``) is found from the current folder upward by every command, which then uses the
workspace's layers without flags.
"""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

from itaplan.base.errors import Problem, UsageError
from itaplan.base.output import os_problem
from itaplan.base.schemacheck import editor_schema
from itaplan.base.yamlio import load_file
from itaplan.builtin import builtin_dir

WORKSPACE_FILE = "itaplan.yaml"


def find_workspace(start: Path | None = None) -> Path | None:
    """The nearest workspace file from ``start`` (the current folder) upward, if any."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / WORKSPACE_FILE
        if candidate.is_file():
            return candidate
    return None


def workspace_layers(start: Path | None = None) -> tuple[list[str], list[str]]:
    """The rule and recommendation folders of the workspace around ``start`` (empty when there is none)."""

    found = find_workspace(start)
    if found is None:
        return [], []
    data = load_file(found) or {}
    if not isinstance(data, dict) or data.get("itaplan") != "workspace":
        return [], []

    check_workspace_file(found, data)

    def folders(key: str) -> list[str]:
        value = data.get(key) or []
        return [str((found.parent / v).resolve()) for v in (value if isinstance(value, list) else [value])
                if (found.parent / str(v)).is_dir()]

    return folders("rules"), folders("recommendations")


WORKSPACE_KEYS = ("itaplan", "rules", "recommendations")


def check_workspace_file(found: Path, data: dict) -> None:
    """A key of itaplan.yaml that is not one (``rule:``) or a folder it names that does not exist (``rules:
    [rule]``) silently dropped every office rule: each is refused, where it is written (a provincial auditor's
    trial: validate said nothing wrong, test ran 0 of 0, diff saw no change)."""
    problems: list[Problem] = []
    source = str(found)
    for key in data:
        if str(key) in WORKSPACE_KEYS:
            continue
        near = difflib.get_close_matches(str(key), WORKSPACE_KEYS, n=1, cutoff=0.5)
        known = ", ".join(WORKSPACE_KEYS)
        at = data.pos_of(key) if hasattr(data, "pos_of") else (None, None)
        if near:
            suggestion = near[0]
            problems.append(Problem(source, f"'{key}' is not a key of the workspace file, so what it names is not "
                                            f"used; did you mean '{suggestion}'? (keys: {known})", *at))
        else:
            problems.append(Problem(source, f"'{key}' is not a key of the workspace file, so what it names is not "
                                            f"used (keys: {known})", *at))
    existing = sorted(p.name for p in found.parent.iterdir() if p.is_dir() and not p.name.startswith("."))
    for key in ("rules", "recommendations"):
        value = data.get(key)
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        for index, folder in enumerate(items):
            if (found.parent / str(folder)).is_dir():
                continue
            at = items.pos_of(index) if hasattr(items, "pos_of") else \
                data.pos_of(key) if hasattr(data, "pos_of") else (None, None)
            folders = ", ".join(existing) or "-"
            problems.append(Problem(source, f"the folder '{folder}' of {key}: does not exist next to the workspace "
                                            f"file, so none of its files would be used (folders there: {folders})",
                                    *at))
    if problems:
        raise UsageError(problems)


def init_workspace(target: Path, force: bool = False, copy: bool = False, lang: str = "en") -> list[Path]:
    """Copy the built-in sets into ``target``; a target that is a file, or cannot be written, is a located error.
    The starter files speak the interface's language (``lang``): their comments and test name, Thai or English."""

    if target.exists() and not target.is_dir():
        raise UsageError(Problem(str(target), "is a file, not a folder; give a folder name"))
    try:
        return _init(target, force, lang) if copy else _overlay(target, force, lang)
    except FileExistsError as exc:
        raise UsageError(Problem(str(exc.filename or target), "is a file, not a folder")) from None
    except OSError as exc:
        raise os_problem(exc.filename or target, exc) from None
    except shutil.Error as exc:
        raise UsageError(Problem(str(target), f"cannot be written: {len(exc.args[0])} files failed to copy")) from None


def _init(target: Path, force: bool, lang: str = "en") -> list[Path]:
    created = []
    for name in ("rules", "recommendations"):
        dest = target / name
        if dest.exists() and not dest.is_dir():
            raise UsageError(Problem(str(dest), "is a file, not a folder; move it away or choose another folder"))
        if dest.exists() and any(dest.iterdir()) and not force:
            raise UsageError(Problem(str(dest), "already exists and is not empty; use --force to overwrite"))
        shutil.copytree(builtin_dir(name), dest, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "__init__.py"))
        created.append(dest)
    for path in (target / "rules").glob("*.yaml"):  # point the editor modeline at the copied schema
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("$schema=../engine/base/rules.schema.json", "$schema=../.schema/rules.schema.json"),
                        encoding="utf-8")
    return created + _editor_files(target, lang)


def _overlay(target: Path, force: bool, lang: str = "en") -> list[Path]:
    """The starter files (engine/app/templates/workspace/, in Thai workspace-th/: a rule, an override, a test, the
    workspace file), the same YAML with comments in the interface's language."""
    starters = Path(__file__).parent / "templates" / ("workspace-th" if lang == "th" else "workspace")
    files = {target / path.relative_to(starters): path for path in sorted(starters.rglob("*.yaml"))}
    for dest in files:
        if dest.exists() and not force:
            raise UsageError(Problem(str(dest), "already exists; use --force to overwrite"))
    for dest, source in files.items():
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
    return list(files) + _editor_files(target, lang)


def _editor_files(target: Path, lang: str = "en") -> list[Path]:
    """The schemas, and the editor settings that tie them to the workspace's files; the descriptions an editor
    shows on hover in the interface's language (``lang``), as the starter files' comments are."""
    schema_dir = target / ".schema"
    schema_dir.mkdir(parents=True, exist_ok=True)
    for name in ("rules.schema.json", "recommendations.schema.json"):
        (schema_dir / name).write_text(json.dumps(editor_schema(name, lang), ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
    settings = target / ".vscode" / "settings.json"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"yaml.schemas": {
            "./.schema/rules.schema.json": ["rules/*.yaml"],
            "./.schema/recommendations.schema.json": ["recommendations/*.yaml"]}}, indent=2) + "\n", encoding="utf-8")
    return [schema_dir, settings]
