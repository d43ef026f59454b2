"""A provincial auditor's trial customising an office's rules (init office, rules validate|test|lint, then draft and
review): every independent problem of a rule file said in one run, the same way by every rules command."""

from __future__ import annotations

from pathlib import Path

from helpers import run_in as run

BROKEN = """version: 1
frameworks: [2568, 2569]
rules:
  - id: office.a
    title: ก
    when:
      question: {codez: [e99], below: 90}
    propose: [iit-service-standards]
  - id: office.b
    title: ข
    frameworks: [2599]
    when:
      not_met: [i1]
    propose: [iit-service-standards]
"""


def _broken(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "own.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


def test_every_independent_problem_of_a_rule_file_is_said_in_one_run(tmp_path: Path) -> None:
    """A bad code under a misspelt key, and a not_met: problem beside an unknown year, each at its own place (they
    were said only once the key, or the year, had been mended: a run each)."""
    folder = _broken(tmp_path)
    done = run("rules", "validate", str(folder))
    assert done.exit_code == 1, done.output
    at = f"{folder / 'own.yaml'}:"
    lines = [line for line in done.output.splitlines() if line.startswith(at)]
    assert any(line.startswith(at + "7:18: ") and "'codez' is not a key here" in line for line in lines), done.output
    assert any(line.startswith(at + "7:26: ") and "e99 is not a question" in line for line in lines), done.output
    assert any(line.startswith(at + "11:18: ") and "no framework for fiscal year 2599" in line for line in lines)
    assert any(line.startswith(at + "13:17: ") and "not_met: is for OIT items" in line and "i1 is an IIT question"
               in line for line in lines), done.output
    assert len(lines) == 4, done.output


def test_rules_test_and_lint_print_a_broken_file_as_validate_does(tmp_path: Path) -> None:
    """The same problems, in the same order (file, line, column), the same wording and exit status, in English and in
    Thai (test and lint printed them unsorted, each prefixed error: / ข้อผิดพลาด:, with exit status 2)."""
    folder = _broken(tmp_path)
    for lang in ("en", "th"):
        said = {command: run("rules", command, str(folder), lang=lang) for command in ("validate", "test", "lint")}
        assert said["validate"].exit_code == 1, said["validate"].output
        for command in ("test", "lint"):
            assert said[command].exit_code == 1, said[command].output
            assert said[command].output == said["validate"].output, (command, lang)
        assert "error" not in said["validate"].output and "ข้อผิดพลาด" not in said["validate"].output
