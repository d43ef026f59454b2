"""What a security test of `itaplan serve` found, each a regression test at the HTTP level (no browser).

Download names that could inject a header parameter; lost updates from forms opened earlier; small Word files
and plans that tie up the engine; 500s where a located 400 belongs; the guard's Origin and redirect; messages.
"""

from __future__ import annotations

import re
import shutil
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from engine.plan import load_plan
from web import create_app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "example.yaml"


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path, max_upload=2_000_000), base_url="http://127.0.0.1",
                      raise_server_exceptions=False)


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example drafted once into a plan file, copied into each test's workspace."""
    folder = tmp_path_factory.mktemp("drafted")
    client = TestClient(create_app(folder), base_url="http://127.0.0.1")
    page = client.get("/")
    client.post("/example", data={"csrf": csrf_of(page.text)})
    return folder / "example.plan.yaml"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


class _Forms(HTMLParser):
    """Each form's action and the fields a browser would send (inputs, textareas, the selected option)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._form: dict[str, str] | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form":
            self._form = self.forms.setdefault(a.get("action", ""), {})
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            self._form[a["name"]] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form[a["name"]] = ""
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._form[self._select] = a.get("value", "")

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_of(html: str) -> dict[str, dict[str, str]]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def saved_name(header: str) -> str | None:
    """The file name a browser saves under (RFC 6266: ``filename*`` over ``filename``), read by the standard
    library's RFC 2231 parser from the header's ``filename*`` parameter."""
    message = EmailMessage()
    message["content-disposition"] = "attachment; " + header.split("; ")[-1]
    return message.get_filename()


# -- M1: download names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, ascii_name, real_name", [
    ("x\";filename*=UTF-8''evil%2Eexe;y=.plan.yaml", "x_filename_UTF-8_evil_2Eexe_y.docx",
     "x\";filename*=UTF-8''evil%2Eexe;y=.docx"),
    ("แผนปี69.plan.yaml", "69.docx", "แผนปี69.docx"),
    ("แผน.plan.yaml", "plan.docx", "แผน.docx"),
])
def test_download_names_cannot_inject_and_may_be_thai(client: TestClient, tmp_path: Path, drafted: Path,
                                                       name: str, ascii_name: str, real_name: str) -> None:
    shutil.copy(drafted, tmp_path / name)
    # Starlette's TestClient unquotes the path once more than a server does: its '%' is sent quoted twice
    response = client.get(f"/plan/{quote(name.replace('%', '%25'), safe='')}/download/docx")
    assert response.status_code == 200, response.text
    header = response.headers["content-disposition"]
    assert header.startswith("attachment; ") and header.count("filename=") == 1 and header.count("filename*=") == 1
    params = re.fullmatch(r'attachment; filename="([A-Za-z0-9._-]+)"; (filename\*=UTF-8\'\'[A-Za-z0-9%._~-]+)', header)
    assert params, header  # no quote, ';' or space of the name's own: no parameter can be added
    assert params.group(1) == ascii_name
    assert saved_name(header) == real_name and saved_name(header).endswith(".docx")
