"""mypy over the package as it installs: engine/, cli/ and web/ laid out as itaplan/, itaplan/cli/, itaplan/web/
(as pyproject's package-dir maps them) in a temporary folder, checked with the project's mypy settings, and every
path in mypy's report mapped back to the repository's own files.

    python tools/typecheck.py          # exit status 0 when mypy finds nothing
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUT = {"itaplan": ROOT / "engine", "itaplan/cli": ROOT / "cli", "itaplan/web": ROOT / "web"}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="itaplan-typecheck-") as tmp:
        for target, source in LAYOUT.items():
            shutil.copytree(source, Path(tmp) / target, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        done = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                               "--cache-dir", str(Path(tmp) / ".mypy_cache"), "-p", "itaplan"],
                              cwd=tmp, capture_output=True, text=True)
        report = done.stdout + done.stderr
        for target, source in sorted(LAYOUT.items(), key=lambda item: -len(item[0])):
            report = report.replace(target + "/", str(source.relative_to(ROOT)) + "/")
        print(report, end="")
        return done.returncode


if __name__ == "__main__":
    sys.exit(main())
