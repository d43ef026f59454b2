"""The HTTP API of `itaplan serve`, without a browser: the same JSON as the command line, the same located errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from itaplan.cli import main
from itaplan.web import create_app
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path), base_url="http://127.0.0.1")


def cli_json(*args: str) -> dict:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def post_results(client: TestClient, url: str, path: Path, name: str | None = None):
    return client.post(url, files={"results": (name or path.name.replace("-2568", ""), path.read_bytes())})


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"


@pytest.mark.parametrize("example", ["example.yaml", "agency.csv", "itas.txt"])
def test_score_is_the_cli_json(client: TestClient, example: str) -> None:
    response = post_results(client, "/api/score", ROOT / "examples" / example)
    assert response.status_code == 200, response.text
    expected = cli_json("score", str(ROOT / "examples" / example), "--format", "json")
    got = response.json()
    assert {k: v for k, v in got.items() if k != "source"} == {k: v for k, v in expected.items() if k != "source"}


def test_draft_is_the_cli_json(client: TestClient) -> None:
    response = post_results(client, "/api/draft", EXAMPLE)
    assert response.status_code == 200
    plan = response.json()
    expected = cli_json("draft", str(EXAMPLE), "--format", "json")
    assert plan["scores"] == expected["scores"]
    assert [m["id"] for m in plan["measures"]] == [m["id"] for m in expected["measures"]]
    assert plan["measures"] == expected["measures"]
    assert plan["itaplan"]["source"] == "example.yaml"  # the name it was sent as, never a temporary path


def test_whatif_is_the_cli_json(client: TestClient) -> None:
    response = client.post("/api/whatif?goal=pass-good&top=5", files={"results": ("example.yaml", EXAMPLE.read_bytes())})
    assert response.status_code == 200
    assert response.json() == cli_json("whatif", str(EXAMPLE), "--goal", "pass-good", "--top", "5", "--format", "json")


def test_render_returns_the_files_render_writes(client: TestClient, tmp_path: Path) -> None:
    plan = post_results(client, "/api/draft", EXAMPLE).json()
    docx = client.post("/api/render?format=docx", content=json.dumps(plan, ensure_ascii=False).encode("utf-8"),
                       headers={"content-type": "application/json"})
    assert docx.status_code == 200 and docx.headers["content-type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert plan["agency"]["name"] in text
    md = client.post("/api/render?format=md", json=plan)
    (tmp_path / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    cli_md = CliRunner().invoke(main, ["render", str(tmp_path / "plan.json"), "--format", "md"]).stdout
    assert md.status_code == 200 and md.text == cli_md
    for fmt in ("xlsx", "csv", "html"):
        assert client.post(f"/api/render?format={fmt}", json=plan).status_code == 200


def test_render_refuses_what_is_not_a_plan(client: TestClient) -> None:
    bad_format = client.post("/api/render?format=exe", json={})
    assert bad_format.status_code == 400 and "format" in bad_format.json()["problems"][0]
    not_json = client.post("/api/render?format=md", content=b"{\n  \"itaplan\": ", headers={"content-type": "application/json"})
    assert not_json.status_code == 400
    assert not_json.json()["problems"] == ["request body:2:14: is not a plan as JSON (UTF-8); send what "
                                           "`itaplan draft --format json` prints"]
    plan = post_results(client, "/api/draft", EXAMPLE).json()
    del plan["measures"][0]["owner"]
    missing = client.post("/api/render?format=md", json=plan)
    assert missing.status_code == 400 and missing.json()["exit_status"] == 2
    assert any("owner" in p for p in missing.json()["problems"])


def test_bad_results_are_the_cli_located_lines(client: TestClient, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("fiscal_year: 2566\nagency: {name: ทดสอบ}\nquestions:\n  e9: 120\n  zz1: 50\n", encoding="utf-8")
    response = post_results(client, "/api/score", bad, "my results.yaml")
    assert response.status_code == 400
    body = response.json()
    result = CliRunner().invoke(main, ["score", str(bad)])
    cli_lines = [line.removeprefix("error: ").replace(str(bad), "my results.yaml") for line in result.stderr.splitlines()]
    assert body["problems"] == cli_lines and body["exit_status"] == result.exit_code == 2
    assert all(p.startswith("my results.yaml:") for p in body["problems"])
    assert "Traceback" not in response.text and "itaplan-upload" not in response.text
    thai = post_results(client, "/api/score?lang=th", bad, "my results.yaml").json()["problems"]
    assert "บรรทัด" in thai[0]


def test_api_requests_without_results(client: TestClient) -> None:
    assert client.post("/api/draft", files={"other": ("a.txt", b"x")}).json()["problems"] == [
        "request: the multipart field 'results' (a file) is missing"]
    assert client.post("/api/draft", json={}).status_code == 400
    unknown = client.post("/api/score", files={"results": ("scores.exe", b"MZ")})
    assert unknown.status_code == 400 and unknown.json()["problems"][0].startswith("scores.exe: is not a kind of file")
    assert client.post("/api/whatif?goal=99", files={"results": ("e.yaml", EXAMPLE.read_bytes())}).status_code == 400
