"""Any input ends in a result or one-line errors with exit status 2 — never a traceback; writes are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from itaplan.base.errors import UsageError
from itaplan.base.output import write_atomic
from itaplan.cli import main

SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
text_inputs = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(st.sampled_from(["i1", "e9", "o12", "O๑", "x", "fiscal_year", "", "total"]),
                       st.one_of(st.floats(allow_nan=True), st.text(max_size=8), st.integers(-500, 500))),
             max_size=12).map(lambda rows: "code,score\n" + "\n".join(f"{c},{s}" for c, s in rows)),
    st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10)),
                 lambda children: st.one_of(st.lists(children, max_size=4),
                                            st.dictionaries(st.text(max_size=8), children, max_size=4)),
                 max_leaves=12).map(lambda data: __import__("yaml").safe_dump(data, allow_unicode=True)),
)


def _check(result) -> None:
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        errors = [line for line in result.output.splitlines() if line.strip()]
        assert errors and all(line.startswith("error: ") for line in errors), result.output


@SETTINGS
@given(content=text_inputs, suffix=st.sampled_from([".yaml", ".json", ".csv", ".txt", ".xlsx"]))
def test_random_results_files(tmp_path: Path, content: str, suffix: str) -> None:
    path = tmp_path / f"r{suffix}"
    path.write_text(content, encoding="utf-8")
    _check(CliRunner().invoke(main, ["score", str(path), "--format", "json"]))


@SETTINGS
@given(content=text_inputs)
def test_random_rule_files(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "r.yaml").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(folder)])
    assert result.exit_code in (0, 1) and "Traceback" not in result.output, result.output


def test_yaml_objects_are_never_constructed(tmp_path: Path) -> None:
    path = tmp_path / "evil.yaml"
    path.write_text("fiscal_year: !!python/object/apply:os.system ['touch pwned']\nquestions: {i1: 90}\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2 and "not valid YAML" in result.output
    assert not Path("pwned").exists()


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("old", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UsageError, match="disk full"):  # a located error for the user, exit 2
        write_atomic(target, "new", force=True)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]  # no temporary file left behind


def test_very_large_input_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("code,score\nfiscal_year,2568\n")
        handle.writelines("i1,90\n" for _ in range(210_000))
    result = CliRunner().invoke(main, ["score", str(path)])
    assert result.exit_code == 2 and "more than 200000 rows" in result.output


def test_an_append_only_folder_is_a_located_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 29 item 13: in a folder where files can be added but not renamed or removed (chattr +a), the rename
    failed and so did removing the temporary file: exit 70. Now exit 2 with what to do, and the temporary file that
    cannot be removed is left empty."""
    import errno

    def refused(*args: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "replace", refused)
    monkeypatch.setattr(os, "unlink", refused)
    example = Path(__file__).parent / "data" / "example-2568.yaml"
    result = CliRunner().invoke(main, ["-q", "draft", str(example), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == 2, (result.output, result.exception)
    assert "plan.yaml: cannot be written: the folder lets files be added but not renamed or removed" in result.stderr
    left = list(tmp_path.iterdir())
    assert [p.stat().st_size for p in left] == [0] and not (tmp_path / "plan.yaml").exists()
