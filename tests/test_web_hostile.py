"""What a security test of `itaplan serve` found, each a regression test at the HTTP level (no browser).

Download names that could inject a header parameter; lost updates from forms opened earlier; small Word files
and plans that tie up the engine; 500s where a located 400 belongs; the guard's Origin and redirect; messages.
"""

from __future__ import annotations

import json
import re
import shutil
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from itaplan.drafting.plan import load_plan
from itaplan.web import create_app
from starlette.testclient import TestClient

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "tests" / "data" / "example-2568.yaml"


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path), base_url="http://127.0.0.1",
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

@pytest.mark.parametrize("name, agency, ascii_name, real_name", [
    # a download is named after the plan's agency and year (issue 28), which no name can inject through
    ("x\";filename*=UTF-8''evil%2Eexe;y=.plan.yaml", "x\";filename*=UTF-8''evil%2Eexe;y=",
     "itaplan-2570-plan.docx", "x;filename=UTF-8''evil%2Eexe;y=-2570-วิเคราะห์ผลและมาตรการ.docx"),
    ("แผนปี69.plan.yaml", "แผนปี69", "itaplan-2570-plan.docx", "แผนปี69-2570-วิเคราะห์ผลและมาตรการ.docx"),
    ("b.plan.yaml", "อบต. ห้วยทราย", "itaplan-2570-plan.docx", "อบต.-ห้วยทราย-2570-วิเคราะห์ผลและมาตรการ.docx"),
])
def test_download_names_cannot_inject_and_may_be_thai(client: TestClient, tmp_path: Path, drafted: Path,
                                                       name: str, agency: str, ascii_name: str, real_name: str) -> None:
    from itaplan.drafting.plan import save_plan

    plan = load_plan(drafted)
    plan["agency"]["name"] = agency
    save_plan(plan, tmp_path / name)
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
    from itaplan.cli import main

    path = tmp_path / "example.plan.yaml"
    shutil.copy(drafted, path)
    base = "/plan/example.plan.yaml/measure/e-service"
    a_edit, a_progress = measure_forms(client, "e-service")  # officer A opens the plan page
    b_edit, _ = measure_forms(client, "e-service")  # officer B opens it and changes the owner
    assert client.post(f"{base}/edit", data={**b_edit, "owner": "กองช่าง"}, follow_redirects=False).status_code == 303
    # (a suggestion, not an outcome: a measure not started takes no outcome)
    outcome, link = "ยื่นคำร้องออนไลน์ 40 เรื่อง", "https://example.go.th/eservice"
    cli = CliRunner().invoke(main, ["progress", str(path), "--measure", "e-service", "--suggestion", outcome,
                                    "--link", link])
    assert cli.exit_code == 0, cli.output
    title = "พัฒนาระบบ E-Service ให้ใช้งานได้จริง"
    edited = client.post(f"{base}/edit", data={**a_edit, "title": title}, follow_redirects=False)
    progressed = client.post(f"{base}/progress", follow_redirects=False,
                             data={**a_progress, "status": "in progress", "done": "ประชุมทีมพัฒนาระบบแล้ว"})
    assert (edited.status_code, progressed.status_code) == (303, 303), progressed.text
    m = next(m for m in load_plan(path)["measures"] if m["id"] == "e-service")
    assert (m["title"], m["owner"]) == (title, "กองช่าง")  # A's title and B's owner
    assert (m["progress"]["suggestion"], m["progress"]["links"]) == (outcome, [link])  # the command line's
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
    assert client.post(f"{base}/progress", data={**b_progress, "status": "in progress",  # an outcome needs a status
                                                 "outcome": "40 เรื่อง"}).status_code == 200
    before = path.read_bytes()
    owner = client.post(f"{base}/edit?lang=en", data={**a_edit, "owner": "กองคลัง", "title": "ชื่อใหม่"})
    assert owner.status_code == 409
    # the measure named as the page shows it, by its number and title (issue 28)
    assert re.search(r"measure \d+: [^<]+: changed in the plan file after this form was opened: the owner, now "
                     r"&#39;กองช่าง&#39;; nothing of yours is saved yet", owner.text)
    assert "&#39;e-service&#39;" not in owner.text
    outcome = client.post(f"{base}/progress?lang=th", data={**a_progress, "outcome": "50 เรื่อง"})
    assert outcome.status_code == 409
    assert "มีการแก้ไขในไฟล์แผนหลังจากที่เปิดแบบฟอร์มนี้: ผลลัพธ์ ขณะนี้เป็น" in outcome.text and "กองช่าง" in outcome.text and "40 เรื่อง" in outcome.text
    assert "nothing was saved" not in outcome.text and "ยังไม่ได้บันทึก" in outcome.text
    assert path.read_bytes() == before  # neither A's title nor anything else was written
    # what A typed comes back, and one button saves it over the newer version once the page has said what changed
    again = forms_of(owner.text)[f"{base}/edit"]
    assert (again["owner"], again["title"], again["shown-owner"]) == ("กองคลัง", "ชื่อใหม่", "กองช่าง")
    assert "Save mine over the newer version" in owner.text
    assert client.post(f"{base}/edit", data=again, follow_redirects=False).status_code == 303
    m = next(m for m in load_plan(path)["measures"] if m["id"] == "e-service")
    assert (m["owner"], m["title"]) == ("กองคลัง", "ชื่อใหม่")
    shutil.copy(drafted, path)
    assert client.post(f"{base}/edit", data={**b_edit, "owner": "กองช่าง"}).status_code == 200
    assert client.post(f"{base}/progress", data={**b_progress, "status": "in progress",  # an outcome needs a status
                                                 "outcome": "40 เรื่อง"}).status_code == 200
    before = path.read_bytes()
    # the same value typed by both is no conflict; a form without what it showed is refused
    assert client.post(f"{base}/edit", data={**a_edit, "owner": "กองช่าง"}, follow_redirects=False).status_code == 303
    bare = {k: v for k, v in a_edit.items() if not k.startswith("shown-")}
    old_page = client.post(f"{base}/edit?lang=en", data={**bare, "owner": "กองคลัง"})
    assert old_page.status_code == 400 and "does not say what it showed" in old_page.text
    assert path.read_bytes() == before


# -- L2: connections that send no request ---------------------------------------------------------------------

def _serve(app):
    """`itaplan serve`'s own server configuration (web/server.py) on a free port, with short bounds to test."""
    import contextlib
    import socket
    import threading

    import uvicorn
    from itaplan.web.server import BoundedH11Protocol, server_config

    class Quick(BoundedH11Protocol):
        header_timeout = 0.5
        body_timeout = 1.5
        max_connections = 5

    @contextlib.contextmanager
    def running():
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(server_config(app, http=Quick))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        while not server.started:
            thread.join(0.02)
        yield sock.getsockname()
        server.should_exit = True
        thread.join(5)

    return running()


@pytest.fixture()
def live_server(tmp_path: Path):
    with _serve(create_app(tmp_path)) as address:
        yield address


def _closed_within(conn, seconds: float) -> bool:
    """True when the server closes ``conn`` (recv gives b"") within ``seconds``."""
    conn.settimeout(seconds)
    try:
        while True:
            if conn.recv(4096) == b"":
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def _response(conn) -> bytes:
    """One whole HTTP response (head and Content-Length bytes of body) read from ``conn``."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(4096)
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE).group(1))
    while len(body) < length:
        body += conn.recv(4096)
    return head + b"\r\n\r\n" + body


def test_connections_without_a_complete_request_head_are_closed(live_server) -> None:
    import socket
    import time

    idle = socket.create_connection(live_server)
    partial = socket.create_connection(live_server)
    partial.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    started = time.monotonic()
    assert _closed_within(idle, 5) and _closed_within(partial, 5)
    assert time.monotonic() - started < 3  # the head deadline (0.5 s here, 10 s in itaplan serve), not for ever
    with socket.create_connection(live_server) as kept:  # a complete request is answered, and kept alive
        kept.settimeout(5)
        for _ in range(2):  # the second request on the same connection
            kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert _response(kept).startswith(b"HTTP/1.1 200")
        kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 12")  # then half a head: closed in its turn
        assert _closed_within(kept, 5)


def test_connections_beyond_the_limit_make_room_for_a_request(live_server) -> None:
    import socket
    import time

    def closed(conn: socket.socket) -> bool:
        conn.setblocking(False)
        try:
            return conn.recv(1) == b""
        except BlockingIOError:
            return False
        except ConnectionResetError:
            return True

    opened = [socket.create_connection(live_server) for _ in range(8)]  # idle: no request sent
    try:
        time.sleep(0.2)  # less than the head deadline: only the connections over the limit of 5 are closed by now
        assert [closed(c) for c in opened] == [True] * 3 + [False] * 5  # the longest waiting went first
        with socket.create_connection(live_server) as wanted:  # a request still gets through
            wanted.settimeout(5)
            wanted.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert _response(wanted).startswith(b"HTTP/1.1 200")
        assert closed(opened[3])  # it made room by closing the next idle one
    finally:
        for c in opened:
            c.close()


# -- issue 29 item 2: bodies that trickle, clients without the token ------------------------------------------

SLOW_HEAD = (b"POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
             b"Content-Length: 9000000\r\n\r\n")


def _trickled_until_closed(conn, seconds: float, every: float = 0.25) -> float | None:
    """Send ``conn`` one byte of body every ``every`` seconds; the seconds until the server closed it, or None."""
    import time

    started = time.monotonic()
    conn.setblocking(False)
    while time.monotonic() - started < seconds:
        try:
            if conn.recv(4096) == b"":
                return time.monotonic() - started
        except BlockingIOError:
            pass
        except ConnectionResetError:
            return time.monotonic() - started
        try:
            conn.send(b"a")
        except OSError:
            return time.monotonic() - started
        time.sleep(every)
    return None


def test_a_body_that_trickles_is_closed_at_its_deadline(live_server) -> None:
    import socket

    with socket.create_connection(live_server) as slow:
        slow.sendall(SLOW_HEAD + b"c")
        closed_after = _trickled_until_closed(slow, 6)
    assert closed_after is not None and closed_after < 4  # the body deadline (1.5 s here, 60 s in itaplan serve)
    with socket.create_connection(live_server) as fine:  # a body sent at once is read and answered
        fine.settimeout(5)
        fine.sendall(b"POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded"
                     b"\r\nContent-Length: 5\r\n\r\ncsrf=")
        assert _response(fine).startswith(b"HTTP/1.1 403")  # (no CSRF cookie) answered, not cut off


def test_slow_bodies_make_room_like_idle_connections(live_server) -> None:
    import socket
    import time

    slow = [socket.create_connection(live_server) for _ in range(5)]
    try:
        for conn in slow:
            conn.sendall(SLOW_HEAD + b"c")
        time.sleep(1.2)  # past a body's first second, within its deadline: slow, not yet timed out
        with socket.create_connection(live_server) as wanted:
            wanted.settimeout(5)
            wanted.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            assert _response(wanted).startswith(b"HTTP/1.1 200")
        assert _closed_within(slow[0], 0.2)  # the slowest for longest made room
    finally:
        for conn in slow:
            conn.close()


def test_a_client_without_the_token_is_closed_after_its_401(tmp_path: Path) -> None:
    import socket

    with _serve(create_app(tmp_path, token="s3cret")) as address, socket.create_connection(address) as conn:
        conn.settimeout(5)
        conn.sendall(SLOW_HEAD + b"c")
        answer = _response(conn)
        assert answer.startswith(b"HTTP/1.1 401") and b"connection: close" in answer.lower()
        closed_after = _trickled_until_closed(conn, 3)
        assert closed_after is not None and closed_after < 1  # at once, not after a deadline


# -- issue 29 item 3: one upload must not freeze the app --------------------------------------------------------

def slow_pdf(pages: int = 499, repeats: int = 50_000) -> bytes:
    """A PDF of a few KB whose pages all share one compressed content stream of ``repeats`` text operators: each
    page is parsed anew, about a second a page (the finding: an hour of the engine's lock)."""
    import zlib

    content = zlib.compress(b"BT /F1 12 Tf " + b"(a) Tj " * repeats + b"ET", 9)
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content)]
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    objects += [page] * pages
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_hostile_upload_is_refused_after_its_budget_and_others_are_answered_meanwhile(tmp_path: Path) -> None:
    import threading
    import time

    import httpx
    from itaplan.web.worker import Budget

    with _serve(create_app(tmp_path, budget=Budget(seconds=4))) as (host, port):
        base = f"http://{host}:{port}"
        with httpx.Client(base_url=base, timeout=30) as hostile, httpx.Client(base_url=base, timeout=30) as other:
            csrf = csrf_of(hostile.get("/").text)  # the empty workspace's example is drafted once, here
            answer: dict = {}

            def upload() -> None:
                started = time.monotonic()
                answer["response"] = hostile.post("/upload", data={"csrf": csrf},
                                                  files={"results": ("itas.pdf", slow_pdf())})
                answer["seconds"] = time.monotonic() - started

            uploading = threading.Thread(target=upload)
            uploading.start()
            waits = []
            while uploading.is_alive():
                started = time.monotonic()
                assert other.get("/").status_code == 200
                waits.append(time.monotonic() - started)
                time.sleep(0.2)
            uploading.join()
    assert len(waits) >= 5 and max(waits) < 2, waits  # the home page answered while the upload was being read
    refused = answer["response"]
    assert refused.status_code == 400 and answer["seconds"] < 10
    assert "itas.pdf: ใช้เวลาอ่านเกิน 4 วินาที จึงหยุดอ่าน" in refused.text and "ยังไม่ได้บันทึกสิ่งใด" in refused.text
    assert not list(tmp_path.glob("*.plan.yaml"))


def test_an_upload_that_wants_too_much_memory_is_refused() -> None:
    from itaplan.base.errors import InputError
    from itaplan.web.worker import Budget, read_upload

    example = EXAMPLE.read_bytes()
    assert read_upload("example.yaml", example).agency.name  # within the budget: read as ever
    with pytest.raises(InputError) as refused:  # 100 MB cannot even hold Python with the readers
        read_upload("example.yaml", example, budget=Budget(memory=100 * 1024 * 1024))
    assert str(refused.value.problems[0]).startswith("example.yaml: needed more than 100 MB of memory to read")


def test_serve_stops_on_sigterm_while_an_upload_is_read(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time

    import httpx

    serve = subprocess.Popen([sys.executable, "-m", "itaplan.cli", "serve", "--port", "0", "--workspace",
                              str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, "ITAPLAN_LANG": "en"})
    try:
        address = re.search(r"http://127\.0\.0\.1:\d+", serve.stdout.readline()).group()
        with httpx.Client(base_url=address, timeout=60) as client:
            csrf = csrf_of(client.get("/").text)
            threading.Thread(target=lambda: client.post("/upload", data={"csrf": csrf},
                                                        files={"results": ("itas.pdf", slow_pdf())}),
                             daemon=True).start()
            time.sleep(2)  # the upload is being read (its budget is 20 s; reading it would take minutes)
            started = time.monotonic()
            serve.send_signal(signal.SIGTERM)
            serve.wait(15)
            assert time.monotonic() - started < 5
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()



def long_plan(drafted: Path, folder: Path, name: str = "long") -> Path:
    """The drafted plan with every measure's method made of 45 long steps (about 300,000 characters, within a
    plan's bound): its PDF takes some five seconds to make."""
    import yaml

    plan = yaml.safe_load(drafted.read_text(encoding="utf-8"))
    step = "จัดประชุมชี้แจงเจ้าหน้าที่ทุกกองเรื่องการเปิดเผยข้อมูลสาธารณะและการรับฟังความคิดเห็นของประชาชน " * 9
    for measure in plan["measures"]:
        measure["method"] = [step] * 45
    path = folder / f"{name}.plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_long_rendering_does_not_keep_other_users_waiting(tmp_path: Path, drafted: Path) -> None:
    """Downloads are made in worker processes, not under the engine's lock: another user's page and Word file
    are answered while a long PDF is made (the finding: an 8 MB plan to PDF held the lock for 31 s)."""
    import shutil
    import threading
    import time

    import httpx

    long_plan(drafted, tmp_path)
    shutil.copy(drafted, tmp_path / "example.plan.yaml")
    with _serve(create_app(tmp_path)) as (host, port):
        base = f"http://{host}:{port}"
        with httpx.Client(base_url=base, timeout=60) as one, httpx.Client(base_url=base, timeout=60) as other:
            assert other.get("/plan/example.plan.yaml/download/docx").status_code == 200  # the workers' server is started
            answer: dict = {}
            rendering = threading.Thread(target=lambda: answer.update(pdf=one.get("/plan/long.plan.yaml/download/pdf")))
            rendering.start()
            time.sleep(0.5)
            waits = []
            while rendering.is_alive():
                started = time.monotonic()
                assert other.get("/").status_code == 200
                word = other.get("/plan/example.plan.yaml/download/docx")
                assert word.status_code == 200 and word.content.startswith(b"PK")
                waits.append(time.monotonic() - started)
                time.sleep(0.2)
            rendering.join()
    assert answer["pdf"].status_code == 200 and answer["pdf"].content.startswith(b"%PDF")
    assert len(waits) >= 3 and max(waits) < 3, waits


def test_a_rendering_past_its_budget_is_refused_and_the_plan_is_unchanged(tmp_path: Path, drafted: Path) -> None:
    from itaplan.web.worker import Budget

    path = long_plan(drafted, tmp_path)
    before = path.read_bytes()
    client = TestClient(create_app(tmp_path, budget=Budget(render_seconds=1)), base_url="http://127.0.0.1")
    refused = client.get("/plan/long.plan.yaml/download/pdf?lang=en")
    assert refused.status_code == 400
    assert ("long.plan.yaml: took more than 1 seconds to make into a document and was stopped (a plan takes a second or "
            "two): are its texts far longer than a plan&#39;s? The plan was not changed") in refused.text
    assert "long.plan.yaml: ใช้เวลาจัดทำเป็นเอกสารเกิน 1 วินาที" in client.get("/plan/long.plan.yaml/download/pdf?lang=th").text
    assert path.read_bytes() == before
    assert client.get("/plan/long.plan.yaml/download/xlsx").status_code == 200  # a quick format of the same plan is made


def test_serve_stops_on_sigterm_while_a_download_is_rendered(tmp_path: Path, drafted: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time

    import httpx

    long_plan(drafted, tmp_path)
    serve = subprocess.Popen([sys.executable, "-m", "itaplan.cli", "serve", "--port", "0", "--workspace",
                              str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, "ITAPLAN_LANG": "en"})
    try:
        address = re.search(r"http://127\.0\.0\.1:\d+", serve.stdout.readline()).group()
        with httpx.Client(base_url=address, timeout=60) as client:
            threading.Thread(target=lambda: client.get("/plan/long.plan.yaml/download/pdf"), daemon=True).start()
            time.sleep(1.5)  # the PDF is being made (some five seconds)
            started = time.monotonic()
            serve.send_signal(signal.SIGTERM)
            serve.wait(15)
            assert time.monotonic() - started < 5
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()


# -- M3: small files that would tie up the engine -------------------------------------------------------------

def word_file(body_xml: str, truncate: bool = False) -> bytes:
    """A .docx (python-docx's own template) whose document body is ``body_xml``."""
    import io
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    xml = source.read("word/document.xml").decode("utf-8")
    xml = re.sub(r"<w:body>.*</w:body>", lambda _: f"<w:body>{body_xml}</w:body>", xml, flags=re.DOTALL)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for info in source.infolist():
            data = xml.encode("utf-8") if info.filename == "word/document.xml" else source.read(info.filename)
            package.writestr(info.filename, data[: len(data) // 2] if truncate and info.filename == "word/document.xml"
                             else data)
    return out.getvalue()


def paragraphs(count: int, text: str = "a") -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" * count


def test_a_small_word_file_unpacking_to_megabytes_is_refused_at_once(client: TestClient) -> None:
    import time

    bomb = word_file(paragraphs(250_000))  # the finding: 58 KB holding 8 MB of document.xml
    assert len(bomb) < 100_000
    started = time.monotonic()
    response = client.post("/api/score", files={"results": ("itas.docx", bomb)})
    assert time.monotonic() - started < 2  # was 9 to 34 s, holding the engine's lock
    assert response.status_code == 400
    assert response.json()["problems"] == [("itas.docx: part word/document.xml would unpack to 337 times its packed "
                                            "size (more than 100); refused as a zip bomb")]


def test_word_files_are_read_within_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    import random
    import string

    import itaplan.base.documents
    from itaplan.base.errors import InputError
    from itaplan.web.store import load_upload

    monkeypatch.setattr(itaplan.base.documents, "MAX_LINES", 50)
    monkeypatch.setattr(itaplan.base.documents, "MAX_CELLS", 40)
    monkeypatch.setattr(itaplan.base.documents, "MAX_DOCX_XML", 1024 * 1024)

    def score(data: bytes) -> list[str]:  # what the upload's reader process finds (the bounds patched here)
        with pytest.raises(InputError) as refused:
            load_upload("itas.docx", data)
        return [str(p) for p in refused.value.problems]

    assert score(word_file(paragraphs(60))) == [
        ("itas.docx (paragraph 51): more than 50 lines; a document of ITA results has a few thousand at most, so it is "
         "refused (split it, or paste the part with the scores)")]
    cells = "".join(f"<w:tc>{paragraphs(1, str(n))}</w:tc>" for n in range(10))
    assert score(word_file("<w:tbl>" + f"<w:tr>{cells}</w:tr>" * 5 + "</w:tbl>"))[0].startswith(
        "itas.docx (table 1 row 5): more than 40 table cells")
    noise = random.Random(7)
    text = "".join(noise.choice(string.ascii_letters) for _ in range(1_200_000))  # hardly compressible
    assert score(word_file(paragraphs(1, text)))[0] == (
        "itas.docx: part word/document.xml would unpack to 1 MB of text (more than 1 MB); a document of ITA results "
        "is far smaller, so it is refused")
    assert score(word_file(paragraphs(3), truncate=True)) == [
        "itas.docx: cannot be read as a Word .docx file (XMLSyntaxError); save it again as .docx"]


def test_a_plan_with_a_million_steps_is_refused_before_it_is_rendered(client: TestClient, drafted: Path,
                                                                    tmp_path: Path) -> None:
    import time

    from click.testing import CliRunner
    from itaplan.cli import main

    plan = load_plan(drafted)
    plan["measures"][0]["method"] = ["a"] * 1_000_000  # 5 MB of JSON; rendering it took 36 s
    started = time.monotonic()
    response = client.post("/api/render?format=md", content=json.dumps(plan, ensure_ascii=False).encode("utf-8"),
                           headers={"content-type": "application/json"})
    assert time.monotonic() - started < 3
    assert response.status_code == 400 and response.json()["problems"] == [
        ("request body: measures[0].method: holds 1000000 items, more than the 1000 any list of a plan may hold (no "
         "plan has more than about 50 measures of some 30 steps); refused")]
    plan["measures"][0]["method"] = ["ประชุม"] * 51  # within the generic bound, over the schema's
    plan["measures"] = (plan["measures"] * 110)[:110]  # 110 measures
    body = json.dumps(plan, ensure_ascii=False)
    problems = client.post("/api/render?format=md", content=body.encode("utf-8"),
                           headers={"content-type": "application/json"}).json()["problems"]
    assert "request body: measures: measures holds 110 items, more than the 100 it may hold" in problems
    assert "request body: measures[0].method: method holds 51 items, more than the 50 it may hold" in problems
    (tmp_path / "big.json").write_text(body, encoding="utf-8")
    cli = CliRunner().invoke(main, ["render", str(tmp_path / "big.json"), "--format", "md"])
    assert cli.exit_code == 2 and "Traceback" not in cli.output
    cli_lines = [line.removeprefix("error: ").replace(str(tmp_path / "big.json"), "request body")
                 for line in cli.stderr.splitlines() if line.startswith("error: ")]
    assert [re.sub(r"^request body:\d+:\d+:", "request body:", line) for line in cli_lines] == problems  # + lines


# -- M4: located 400s, never a 500 ----------------------------------------------------------------------------

@pytest.mark.parametrize("body, problem", [
    ("[" * 100_000 + "]" * 100_000, ("request body: is nested too deeply to be a plan; send what `itaplan draft "
                                     "--format json` prints")),
    ("1" * 5000, "request body: holds a number too long to be read; send what `itaplan draft --format json` prints"),
    ('{"itaplan": {"document": "plan"}, "x": ' + "[" * 40 + "]" * 40 + "}",
     "request body: x" + "[0]" * 32 + ": nested more than 32 levels deep, which no plan is; refused"),
    ("[]", "request body: is not an itaplan plan (made by `itaplan draft --format yaml`)"),
])
def test_api_bodies_that_are_no_plan_are_a_located_400(client: TestClient, body: str, problem: str) -> None:
    response = client.post("/api/render?format=md", content=body.encode(), headers={"content-type": "application/json"})
    assert response.status_code == 400 and response.json() == {"error": "bad input", "problems": [problem],
                                                                "exit_status": 2}


@pytest.mark.parametrize("top", ["%C2%B2", "%D9%A3", "0", "201", "1e2", "-1", "99999999999999999999999"])
def test_whatif_top_that_is_no_number_from_1_to_200(client: TestClient, top: str) -> None:
    response = client.post(f"/api/whatif?top={top}", files={"results": ("e.yaml", EXAMPLE.read_bytes())})
    assert response.status_code == 400 and response.json()["problems"][0].startswith("top: '")


def _mutated(plan: dict, change: str) -> str:
    """The plan as YAML with one field removed (``del a.b.0.c``) or set (``a.b = 1``)."""
    import copy

    from itaplan.drafting.plan import to_yaml

    plan = copy.deepcopy(plan)
    words = change.split()
    keys = [int(k) if k.isdigit() else k for k in words[1 if words[0] == "del" else 0].split(".")]
    node = plan
    for key in keys[:-1]:
        node = node[key]
    if words[0] == "del":
        del node[keys[-1]]
    else:
        node[keys[-1]] = json.loads(words[2])
    return to_yaml(plan)


@pytest.mark.parametrize("change, problem", [
    ("del analysis.indicators.0.previous", "analysis.indicators[0]: 'previous' is missing"),
    ("del analysis.indicators.0.tool", "analysis.indicators[0]: 'tool' is missing"),
    ("del analysis.indicators.0.change", "analysis.indicators[0]: 'change' is missing"),
    ("del scores.gaps", "scores: 'gaps' is missing"),
    ("del scores.weighted_tools", "scores: 'weighted_tools' is missing"),
    ("scores.weighted_tool_sources = 1", "scores.weighted_tool_sources: weighted_tool_sources must be a mapping"),
    ("scores.tool_sources = \"x\"", "scores.tool_sources: tool_sources must be a mapping"),
    ("del whatif.ranked.0.text", "whatif.ranked[0]: 'text' is missing"),
    ("del whatif.goals.0.text", "whatif.goals[0]: 'text' is missing"),
    ("measures.0.fact_indicators = null", "measures[0].fact_indicators: fact_indicators is empty"),
])
def test_plans_the_renderers_cannot_use_are_refused_by_the_schema(client: TestClient, drafted: Path, tmp_path: Path,
                                                                   change: str, problem: str) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    path = tmp_path / "edited.plan.yaml"
    path.write_text(_mutated(load_plan(drafted), change), encoding="utf-8")
    page = client.get("/plan/edited.plan.yaml?lang=en")
    assert page.status_code == 400 and problem in page.text.replace("&#39;", "'"), page.text[-600:]
    assert client.get("/plan/edited.plan.yaml/chart.svg").status_code == 404
    assert "edited.plan.yaml" in client.get("/?lang=en").text
    for fmt in ("html", "xlsx", "md"):
        api = client.post(f"/api/render?format={fmt}", content=json.dumps(load_yaml(path)).encode("utf-8"),
                          headers={"content-type": "application/json"})
        assert api.status_code == 400 and any(p.startswith(f"request body: {problem}") for p in api.json()["problems"])
    for fmt in ("html", "xlsx"):
        cli = CliRunner().invoke(main, ["render", str(path), "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")])
        assert cli.exit_code == 2 and f"{path}:" in cli.stderr and problem in cli.stderr, cli.output
        assert "Traceback" not in cli.output and not (tmp_path / f"out.{fmt}").exists()


def load_yaml(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("written", ["2026-02-30", "'2026-02-30'", "30/2/2569"])
def test_a_date_that_is_no_real_date_is_a_located_error_not_a_500(client: TestClient, drafted: Path,
                                                                  tmp_path: Path, written: str) -> None:
    from click.testing import CliRunner
    from itaplan.cli import main

    text = drafted.read_text(encoding="utf-8")
    text = text.replace("- id: e-service\n", f"- id: e-service\n  progress:\n    status: in progress\n"
                                              f"    done: เริ่มแล้ว\n    started: {written}\n", 1)
    path = tmp_path / "dated.plan.yaml"
    path.write_text(text, encoding="utf-8")
    shown = written.strip("'")
    page = client.get("/plan/dated.plan.yaml?lang=en")
    assert page.status_code == 400
    line = next(f"dated.plan.yaml:{n}:" for n, row in enumerate(text.splitlines(), 1) if "started:" in row)
    index = [m["id"] for m in load_plan(drafted)["measures"]].index("e-service")
    assert f"measures[{index}].progress.started: &#39;{shown}&#39; is not a real date" in page.text
    assert "written as expected" not in page.text  # said once, not again as a pattern
    assert "is not a real date" in client.get("/?lang=en").text  # the home page lists it with its problem
    cli = CliRunner().invoke(main, ["render", str(path), "--format", "md"])
    assert cli.exit_code == 2 and line in cli.stderr.replace(str(tmp_path) + "/", "") and "Traceback" not in cli.output
    thai = client.get("/plan/dated.plan.yaml?lang=th").text
    assert f"&#39;{shown}&#39; ไม่ใช่วันที่ที่มีอยู่จริง" in thai


def test_a_date_the_form_cannot_read_is_shown_as_written() -> None:
    from itaplan.web.common import typed_date

    assert typed_date("2026-03-15") == "15/3/2569"
    assert typed_date("2026-02-30") == "2026-02-30" and typed_date(None) == ""


# -- L1: the home page reads plans off the event loop, and once ------------------------------------------------

def test_the_home_page_reads_plans_in_a_worker_thread_once_per_change(client: TestClient, drafted: Path,
                                                                    tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import asyncio
    import os

    import itaplan.web.pages

    for n in range(3):
        shutil.copy(drafted, tmp_path / f"p{n}.plan.yaml")
    read: list[str] = []
    summary = itaplan.web.pages.plan_summary

    def counted(path: Path) -> dict:
        with pytest.raises(RuntimeError):  # no event loop runs in this thread: the server goes on answering
            asyncio.get_running_loop()
        read.append(path.name)
        return summary(path)

    monkeypatch.setattr(itaplan.web.pages, "plan_summary", counted)
    assert client.get("/").status_code == 200 and sorted(read) == ["p0.plan.yaml", "p1.plan.yaml", "p2.plan.yaml"]
    assert client.get("/").status_code == 200 and len(read) == 3  # unchanged files: not read again
    later = (tmp_path / "p1.plan.yaml").stat().st_mtime_ns + 2_000_000_000
    os.utime(tmp_path / "p1.plan.yaml", ns=(later, later))
    (tmp_path / "p2.plan.yaml").unlink()
    page = client.get("/")
    assert read[3:] == ["p1.plan.yaml"] and "p2.plan.yaml" not in page.text


# -- L3, L4: the guard ----------------------------------------------------------------------------------------

def test_a_post_with_a_null_origin_is_refused(client: TestClient, tmp_path: Path) -> None:
    for origin in ("null", "NULL", "", "http://evil.example"):
        response = client.post("/api/score", files={"results": ("e.yaml", EXAMPLE.read_bytes())},
                               headers={"origin": origin})
        assert response.status_code == 403, origin
    same = client.post("/api/score", files={"results": ("e.yaml", EXAMPLE.read_bytes())},
                       headers={"origin": "http://127.0.0.1"})
    assert same.status_code == 200
    # a browser sends Origin: null with the app's own forms under Referrer-Policy: no-referrer; not under this one
    assert same.headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize("path, location", [
    ("//evil.example/", "/evil.example/"), ("/%5Cevil.example/", "/evil.example/"),
    ("///evil.example", "/evil.example"),
    ("/plan/%E0%B9%81.plan.yaml", "/plan/%E0%B9%81.plan.yaml"), ("/", "/"),
])
def test_the_token_login_redirects_only_within_the_site(tmp_path: Path, path: str, location: str) -> None:
    token = "s3cret-token-for-tests-0123"
    guarded = TestClient(create_app(tmp_path, token=token), base_url="http://192.0.2.10:8000")
    login = guarded.get(f"http://192.0.2.10:8000{path}?token={token}&lang=en", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == f"{location}?lang=en"
    assert login.headers["content-security-policy"].startswith("default-src 'self'")


# -- L5: messages ---------------------------------------------------------------------------------------------

def test_form_messages_are_in_the_page_language_and_name_what_the_user_knows(client: TestClient, drafted: Path,
                                                                           tmp_path: Path) -> None:
    path = tmp_path / "example.plan.yaml"
    shutil.copy(drafted, path)
    before = path.read_bytes()
    edit, progress = measure_forms(client, "e-service", "th")
    base = "/plan/example.plan.yaml/measure"
    status = client.post(f"{base}/e-service/progress?lang=th", data={**progress, "status": "started"})
    assert status.status_code == 400
    assert "สถานะ &#39;started&#39; ไม่อยู่ในค่าที่ใช้ได้" in status.text  # the value as typed, never translated
    assert "--status" not in status.text and "วันที่เริ่มดำเนินการ" not in status.text
    decide = client.post(f"{base}/e-service/decide?lang=th", data={"csrf": edit["csrf"], "action": "burn"})
    assert "&#39;burn&#39; ไม่ใช่การคงไว้หรือการตัดออก" in decide.text
    gone = client.post(f"{base}/no-such-measure/decide?lang=en", data={"csrf": edit["csrf"], "action": "keep"})
    assert gone.status_code == 400 and str(tmp_path) not in gone.text
    assert "example.plan.yaml: measure &#39;no-such-measure&#39; is no longer in the plan" in gone.text
    upload = client.post("/upload?lang=th", data={"csrf": edit["csrf"]}, files={"results": ("scores.exe", b"MZ")})
    assert upload.status_code == 400 and "scores.exe: ไม่ใช่ไฟล์ประเภทที่โปรแกรมอ่านได้" in upload.text
    assert path.read_bytes() == before


def test_control_characters_typed_into_forms_are_not_saved(client: TestClient, drafted: Path, tmp_path: Path) -> None:
    path = tmp_path / "example.plan.yaml"
    shutil.copy(drafted, path)
    edit, progress = measure_forms(client, "e-service")
    base = "/plan/example.plan.yaml/measure/e-service"
    assert client.post(f"{base}/edit", data={**edit, "owner": "กอง\x00ช่าง\x1b[31m\x07"},
                       follow_redirects=False).status_code == 303
    typed = {**progress, "status": "in progress", "done": "ประชุม\x00แล้ว\x1b]0;x\x07"}
    assert client.post(f"{base}/progress", data=typed, follow_redirects=False).status_code == 303
    m = next(m for m in load_plan(path)["measures"] if m["id"] == "e-service")
    assert m["owner"] == "กองช่าง" and m["progress"]["done"] == "ประชุมแล้ว"


def test_text_that_is_not_utf8_is_refused_never_saved_as_mojibake(client: TestClient, drafted: Path,
                                                                  tmp_path: Path) -> None:
    from urllib.parse import urlencode

    path = tmp_path / "example.plan.yaml"
    shutil.copy(drafted, path)
    before = path.read_bytes()
    _, progress = measure_forms(client, "e-service")
    base = "/plan/example.plan.yaml/measure/e-service"
    typed = "ประชุมแล้ว".encode("tis-620")  # a Thai Windows or terminal encoding
    form = urlencode({**progress, "status": "in progress", "done": "x"}).encode()
    urlencoded = {"content-type": "application/x-www-form-urlencoded"}
    raw = form.replace(b"done=x", b"done=" + typed)
    escaped = form.replace(b"done=x", b"done=" + "".join(f"%{b:02X}" for b in typed).encode())
    for body, said in ((raw, "form: is not text in UTF-8"), (escaped, "done: is not text in UTF-8")):
        refused = client.post(f"{base}/progress", content=body, headers=urlencoded, follow_redirects=False)
        assert refused.status_code == 400 and said in refused.text
    in_thai = client.post(f"{base}/progress?lang=th", content=escaped, headers=urlencoded, follow_redirects=False)
    assert in_thai.status_code == 400 and "done: ไม่ใช่ข้อความแบบ UTF-8" in in_thai.text
    pasted = client.post("/upload?lang=en", data={"csrf": progress["csrf"], "text": "x"},
                         files={"results": ("", b"")})  # a multipart form, as the upload page sends it
    assert pasted.status_code == 400  # (nothing to read: the form itself is fine)
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{progress['csrf']}\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n").encode() + typed + \
        f"\r\n--{boundary}--\r\n".encode()
    refused = client.post("/upload?lang=en", content=body,
                          headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert refused.status_code == 400 and "text: is not text in UTF-8" in refused.text
    assert path.read_bytes() == before and len(list(tmp_path.glob("*.plan.yaml"))) == 1
    thai = client.post(f"{base}/progress", content=urlencode({**progress, "status": "in progress",
                                                               "done": "ประชุมแล้ว"}).encode(),
                       headers=urlencoded, follow_redirects=False)
    assert thai.status_code == 303  # UTF-8, percent-encoded as browsers send it: saved
    assert next(m for m in load_plan(path)["measures"] if m["id"] == "e-service")["progress"]["done"] == "ประชุมแล้ว"


def test_a_bad_date_is_hinted_as_a_date(drafted: Path, tmp_path: Path) -> None:
    from itaplan.base.errors import InputError
    from itaplan.drafting.plan import plan_from_data

    plan = load_plan(drafted)
    plan["itaplan"]["drafted"] = "March 2026"
    with pytest.raises(InputError) as raised:
        plan_from_data(plan, "plan.yaml")
    assert str(raised.value) == ("plan.yaml: itaplan.drafted: drafted 'March 2026' is not written as expected (a date "
                                 "written year-month-day, e.g. 2026-03-15, or 15/3/2569)")


def test_api_form_errors_are_json(client: TestClient) -> None:
    no_boundary = client.post("/api/score", content=b"--x\r\n", headers={"content-type": "multipart/form-data"})
    assert no_boundary.status_code == 400 and no_boundary.json()["problems"] == [
        ("request: the form data cannot be read (Missing boundary in multipart.); send the results as "
         "multipart/form-data, a file in the field 'results'")]
    many = client.post("/api/score", files={f"f{n}": (f"{n}.yaml", b"x") for n in range(3)})
    assert many.status_code == 400 and many.json()["exit_status"] == 2
    thai = client.post("/api/score?lang=th", files={f"f{n}": (f"{n}.yaml", b"x") for n in range(3)})
    assert "อ่านข้อมูลแบบฟอร์มไม่ได้" in thai.json()["problems"][0]
    assert client.get("/plan/x.plan.yaml/download/exe?lang=th").status_code == 404
