"""``itaplan init``: a folder with copies of the built-in rules and recommendations to start from."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .builtin import builtin_dir
from .errors import Problem, UsageError


def init_workspace(target: Path, force: bool = False) -> list[Path]:
    """Copy the built-in sets into ``target``; a target that is a file, or cannot be written, is a located error."""
    from .output import os_problem

    if target.exists() and not target.is_dir():
        raise UsageError(Problem(str(target), "is a file, not a folder; give a folder name"))
    try:
        return _init(target, force)
    except FileExistsError as exc:
        raise UsageError(Problem(str(exc.filename or target), "is a file, not a folder")) from None
    except OSError as exc:
        raise os_problem(exc.filename or target, exc) from None
    except shutil.Error as exc:
        raise UsageError(Problem(str(target), f"cannot be written: {len(exc.args[0])} files failed to copy")) from None


def _init(target: Path, force: bool) -> list[Path]:
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
    schema_dir = target / ".schema"
    schema_dir.mkdir(parents=True, exist_ok=True)
    for name in ("rules.schema.json", "recommendations.schema.json"):
        shutil.copyfile(Path(__file__).parent / name, schema_dir / name)
    for path in (target / "rules").glob("*.yaml"):  # point the editor modeline at the copied schema
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("$schema=../engine/rules.schema.json", "$schema=../.schema/rules.schema.json"),
                        encoding="utf-8")
    settings = target / ".vscode" / "settings.json"
    if not settings.exists():
        settings.parent.mkdir(parents=True, exist_ok=True)
        settings.write_text(json.dumps({"yaml.schemas": {
            "./.schema/rules.schema.json": ["rules/*.yaml"],
            "./.schema/recommendations.schema.json": ["recommendations/*.yaml"]}}, indent=2) + "\n", encoding="utf-8")
    created += [schema_dir, settings]
    return created
