"""The floor plan holds: every import inside itaplan points down the pipeline (or sideways, without a cycle).

The stages, lowest first, are the folders of engine/ (DESIGN.md's data flow), then the two interfaces:
an import from a module to a later stage is an error, wherever it stands (module level or inside a function),
and so is any cycle among modules. The package's front door (``itaplan/__init__``) may name any stage: it
imports nothing at import time.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ["base", "builtin", "ita", "content", "ruling", "drafting", "followup", "render", "checking", "app",
          "web", "cli"]
SOURCES = {"itaplan": ROOT / "engine", "itaplan.cli": ROOT / "cli", "itaplan.web": ROOT / "web"}


def modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for name, folder in SOURCES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([name, *parts])] = path
    return found


MODULES = modules()


def layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2:
        return len(LAYERS)  # the front door
    return LAYERS.index(parts[1])


def imports(module: str, path: Path) -> list[tuple[int, str]]:
    """(line, imported module) for every import of an itaplan module, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module and name != "itaplan":
                found.append((node.lineno, name))
    return found


GRAPH = {m: imports(m, p) for m, p in MODULES.items()}


def test_every_stage_is_a_folder_of_engine() -> None:
    folders = sorted(p.name for p in (ROOT / "engine").iterdir() if (p / "__init__.py").exists())
    assert folders == sorted(LAYERS[:-2])


def test_no_import_points_back_up() -> None:
    wrong = [f"{MODULES[m].relative_to(ROOT)}:{line}: {m} ({m.split('.')[1]}) imports {target} "
             f"({target.split('.')[1]})"
             for m, found in GRAPH.items() if m != "itaplan"
             for line, target in found if layer(target) > layer(m)]
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles() -> None:
    edges = {m: {t for _, t in found} for m, found in GRAPH.items() if m != "itaplan"}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges.get(node, ())):
            if state.get(target) == 1:
                cycles.append(" -> ".join(trail[trail.index(target):] + [node, target]) if target in trail
                              else f"{node} -> {target}")
            elif target not in state:
                visit(target, trail + [node])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [])
    assert not cycles, "\n".join(cycles)


def test_the_front_door_imports_nothing_at_import_time() -> None:
    tree = ast.parse((ROOT / "engine" / "__init__.py").read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom)) and
                not (isinstance(n, ast.ImportFrom) and n.module in ("__future__", "itaplan.base.version"))]


def test_the_front_door_names_what_a_program_needs() -> None:
    import itaplan

    for name in itaplan.__all__:
        assert getattr(itaplan, name) is not None, name
    session = itaplan.Session(engine="pure", use_workspace=False)
    plan = session.plan(session.scorecard(ROOT / "tests" / "data" / "example-2568.yaml"))
    assert plan["scores"]["total"] == 87.5 and plan["measures"]
    assert itaplan.check_plan(plan, session.catalogue, ("md",)) == []
    assert session.render(plan, "md").startswith("#")


def test_every_stage_says_what_it_holds() -> None:
    for stage in LAYERS[:-2]:
        text = (ROOT / "engine" / stage / "__init__.py").read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(text)), stage


def test_installed_the_project_is_one_package() -> None:
    """The wheel holds ``itaplan`` and nothing else at site-packages' top level: every package pyproject lists is
    itaplan or below it, and each folder it maps is one of the repository's own."""
    import pytest

    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert all(p == "itaplan" or p.startswith("itaplan.") for p in config["packages"])
    assert {p.split(".")[0] for p in config["packages"]} == {"itaplan"}
    for package, folder in config["package-dir"].items():
        assert package.startswith("itaplan") and (ROOT / folder).is_dir()
    on_disk = {"itaplan." + ".".join(p.relative_to(ROOT / "engine").parts) if p != ROOT / "engine" else "itaplan"
               for p in (ROOT / "engine").rglob("*") if (p / "__init__.py").exists() or p == ROOT / "engine"}
    on_disk = {p.removesuffix(".") for p in on_disk}
    assert on_disk <= set(config["packages"]), on_disk - set(config["packages"])


def test_every_folder_of_files_python_could_import_is_a_listed_package() -> None:
    """A newcomer's `pip install -e .` printed a wall of setuptools warnings: "Package
    'itaplan.app.templates.workspace' is absent from the `packages` configuration" for each folder of data files
    whose name Python could import, and "`project.license` as a TOML table is deprecated". Every such folder under
    a mapped package is listed (its files in package-data), and the license is an SPDX string."""
    import pytest

    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert isinstance(config["project"]["license"], str)
    roots = {"itaplan": "engine", **setuptools["package-dir"]}
    missing = []
    for package, folder in roots.items():
        for path in sorted((ROOT / folder).rglob("*")):
            parts = path.relative_to(ROOT / folder).parts
            if (path.is_dir() and all(part.isidentifier() for part in parts) and "__pycache__" not in parts
                    and any(child.is_file() for child in path.iterdir())):
                name = ".".join((package, *parts))
                if name not in setuptools["packages"]:
                    missing.append(name)
    assert not missing, missing
