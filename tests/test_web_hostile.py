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


# -- M2: lost updates -----------------------------------------------------------------------------------------

def measure_forms(client: TestClient, mid: str, lang: str = "en") -> tuple[dict[str, str], dict[str, str]]:
    """The edit and progress forms of one measure, as the plan page shows them now."""
    forms = forms_of(client.get(f"/plan/example.plan.yaml?lang={lang}").text)
    base = f"/plan/example.plan.yaml/measure/{mid}"
    return forms[f"{base}/edit"], forms[f"{base}/progress"]


def test_a_form_opened_earlier_never_overwrites_newer_changes(client: TestClient, tmp_path: Path,
                                                              drafted: Path) -> None:
    from click.testing import CliRunner

    from cli import main

    path = tmp_path / "example.plan.yaml"
    shutil.copy(drafted, path)
    base = "/plan/example.plan.yaml/measure/e-service"
    a_edit, a_progress = measure_forms(client, "e-service")  # officer A opens the plan page
    b_edit, _ = measure_forms(client, "e-service")  # officer B opens it and changes the owner
    assert client.post(f"{base}/edit", data={**b_edit, "owner": "กองช่าง"}, follow_redirects=False).status_code == 303
    cli = CliRunner().invoke(main, ["progress", str(path), "--measure", "e-service", "--outcome", "ยื่นคำร้องออนไลน์ 40 เรื่อง",
                                    "--link", "https://example.go.th/eservice"])
    assert cli.exit_code == 0, cli.output
    title = "พัฒนาระบบ E-Service ให้ใช้งานได้จริง"
    edited = client.post(f"{base}/edit", data={**a_edit, "title": title}, follow_redirects=False)
    progressed = client.post(f"{base}/progress", follow_redirects=False,
                             data={**a_progress, "status": "in progress", "done": "ประชุมทีมพัฒนาระบบแล้ว"})
    assert (edited.status_code, progressed.status_code) == (303, 303), progressed.text
    m = next(m for m in load_plan(path)["measures"] if m["id"] == "e-service")
    assert (m["title"], m["owner"]) == (title, "กองช่าง")  # A's title and B's owner
    assert m["progress"]["outcome"] == "ยื่นคำร้องออนไลน์ 40 เรื่อง"  # the command line's outcome and link
    assert m["progress"]["links"] == ["https://example.go.th/eservice"]
    assert (m["progress"]["status"], m["progress"]["done"]) == ("in progress", "ประชุมทีมพัฒนาระบบแล้ว")
    assert [e["action"] for e in load_plan(path)["review"]["log"]] == ["owner", "title"]


def test_a_field_changed_in_the_form_and_in_the_file_is_refused(client: TestClient, tmp_path: Path,
                                                                drafted: Path) -> None:
    path = tmp_path / "example.plan.yaml"
    shutil.copy(drafted, path)
    base = "/plan/example.plan.yaml/measure/e-service"
    a_edit, a_progress = measure_forms(client, "e-service")
    b_edit, b_progress = measure_forms(client, "e-service")
    assert client.post(f"{base}/edit", data={**b_edit, "owner": "กองช่าง"}).status_code == 200
    assert client.post(f"{base}/progress", data={**b_progress, "outcome": "40 เรื่อง"}).status_code == 200
    before = path.read_bytes()
    owner = client.post(f"{base}/edit?lang=en", data={**a_edit, "owner": "กองคลัง", "title": "ชื่อใหม่"})
    assert owner.status_code == 409
    assert ("measure &#39;e-service&#39;: the owner was changed in the plan file after this form was opened (it is "
            "now &#39;กองช่าง&#39;); nothing was saved") in owner.text
    outcome = client.post(f"{base}/progress?lang=th", data={**a_progress, "outcome": "50 เรื่อง"})
    assert outcome.status_code == 409
    assert "ผลลัพธ์ ถูกแก้ไขในไฟล์แผน" in outcome.text and "กองช่าง" in outcome.text and "40 เรื่อง" in outcome.text
    assert "nothing was saved" not in outcome.text and "ยังไม่ได้บันทึก" in outcome.text
    assert path.read_bytes() == before  # neither A's title nor anything else was written
    # the same value typed by both is no conflict; a form without what it showed is refused
    assert client.post(f"{base}/edit", data={**a_edit, "owner": "กองช่าง"}, follow_redirects=False).status_code == 303
    bare = {k: v for k, v in a_edit.items() if not k.startswith("shown-")}
    old_page = client.post(f"{base}/edit?lang=en", data={**bare, "owner": "กองคลัง"})
    assert old_page.status_code == 400 and "does not say what it showed" in old_page.text
    assert path.read_bytes() == before
