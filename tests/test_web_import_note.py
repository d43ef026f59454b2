"""The officer who works only in the web app imports last year's measures (seed 000's project cards): what the import
asks to check is a short list, each item placed in the file in the interface's language ("บรรทัดที่ 195"), not one
long paragraph holding "000_722d29c12b602e98.txt (line 195): …" in a Thai sentence."""

from __future__ import annotations

import html
import re
from pathlib import Path

from helpers import unwrapped
from starlette.testclient import TestClient
from test_web_app import client, csrf_of  # noqa: F401 - the fixture

CARDS = Path(__file__).parent / "data" / "seed000_cards.txt"


def _note(client: TestClient, lang: str) -> tuple[str, list[str]]:
    home = client.get(f"/?lang={lang}").text
    done = client.post(f"/upload?lang={lang}", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("nasing.txt", CARDS.read_bytes())}, follow_redirects=False)
    assert done.status_code == 303, done.text[:2000]
    page = unwrapped(client.get(done.headers["location"]).text)
    note = re.search(r'<div class="warning note-parts">(.*?)</div>', page, re.S)
    assert note, "the import's note is not shown as parts"
    items = [html.unescape(" ".join(re.sub(r"<[^>]+>", " ", i).split())) for i in re.findall(r"<li>(.*?)</li>", note.group(1), re.S)]
    return note.group(1), items


def test_what_an_import_asks_to_check_is_a_list_placed_in_thai(client: TestClient) -> None:
    note, items = _note(client, "th")
    assert "(line" not in note and not any("nasing.txt" in i for i in items)
    assert "โปรดตรวจสอบรายการต่อไปนี้" in note
    assert any(i.startswith("บรรทัดที่ 195: บัตรโครงการ 'กิจกรรมการให้บริการอย่างเท่าเทียมกัน'") for i in items), items
    assert all(re.match(r"(บรรทัดที่|แถวที่|ตารางที่) \d+", i) for i in items), items


def test_in_english_the_list_says_line(client: TestClient) -> None:
    note, items = _note(client, "en")
    assert "To check (nothing was guessed):" in note
    assert any(i.startswith("Line 195: project card 'กิจกรรมการให้บริการอย่างเท่าเทียมกัน'") for i in items), items
