"""The plan page is long (about 13,000 px on a desktop, 24,000 on a phone, a web officer's trial): a short table of
contents near its top links to its main sections, those the plan has."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient
from test_web_app import EXAMPLE, client, csrf_of, upload  # noqa: F401 - the fixture

CARDS = Path(__file__).parent / "data" / "seed000_cards.txt"


def _contents(page: str) -> tuple[list[tuple[str, str]], set[str]]:
    nav = re.search(r'<nav class="toc".*?</nav>', page, re.S)
    assert nav, "no table of contents on the plan page"
    links = [(target, " ".join(re.sub(r"<[^>]+>", "", label).split()))
             for target, label in re.findall(r'<a href="#([^"]+)">(.*?)</a>', nav.group(0), re.S)]
    return links, set(re.findall(r'\bid="([^"]+)"', page))


def test_a_drafted_plan_lists_its_sections_near_the_top(client: TestClient) -> None:
    assert upload(client, EXAMPLE).status_code == 303
    page = client.get("/plan/example.plan.yaml?lang=th").text
    links, ids = _contents(page)
    targets = [t for t, _ in links]
    assert targets == ["downloads", "scorecard", "whatif", "measures", "tracking", "last-measures"], links
    assert all(t in ids for t in targets), [t for t in targets if t not in ids]
    assert page.index('class="toc"') < page.index('id="scorecard"')  # above every section it names
    assert re.fullmatch(r"มาตรการที่ยังต้องพิจารณา \(\d+\)", dict(links)["measures"]), links


def test_an_imported_plan_lists_only_what_it_has(client: TestClient) -> None:
    home = client.get("/?lang=en").text
    done = client.post("/upload?lang=en", data={"csrf": csrf_of(home), "kind": "measures"},
                       files={"results": ("nasing.txt", CARDS.read_bytes())}, follow_redirects=False)
    links, ids = _contents(client.get(done.headers["location"] + "?lang=en").text)
    assert [t for t, _ in links] == ["downloads", "measures", "tracking"], links
    assert all(t in ids for t, _ in links) and dict(links)["measures"] == "Measures"
