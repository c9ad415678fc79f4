"""The live room (``python -m p2pkit room``): its model, storage, exports and every safety case.

Each safety case of issue 16 has its own test here, against a real server on 127.0.0.1 (a free
port, in a thread) driven by :class:`p2pkit.team.room.simulate.Phone` -- a browser without
JavaScript. "Nothing stored" is checked by counting the database's rows before and after.
The load, crash and browser tests are in ``test_room_load.py`` and ``test_room_browser.py``.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import re
import urllib.parse

import pytest

from p2pkit.team.intake import read_survey
from p2pkit.team.room import exporting
from p2pkit.team.room.limits import Limits, RateLimiter
from p2pkit.team.room.livemap import LiveMap
from p2pkit.team.room.model import (DEFAULT_QUESTIONS, Person, RoomError, check_answer, parse_questions,
                                    parse_roster, survey_graph)
from p2pkit.team.room.simulate import Phone, Server, loopback
from p2pkit.team.room.store import Store

HOSTILE = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://example.invalid","click")'
ROSTER = f"Ana\tOps\nBo\tOps\nCy\tProduct\nDee\n{HOSTILE}\n{FORMULA}\n@SUM(A1)"


# --------------------------------------------------------------------------- model and store


def test_roster_parsing_keeps_commas_and_teams_and_refuses_duplicates():
    people = parse_roster("Lopez, Ana\tOps\n\n  Bo  \n")
    assert people == [Person("Lopez, Ana", "Ops"), Person("Bo", "")]
    with pytest.raises(RoomError, match="same name"):
        parse_roster("Ana\nana ")
    with pytest.raises(RoomError, match="semicolon"):
        parse_roster("Ana; Bo")
    with pytest.raises(RoomError, match="longer than"):
        parse_roster("x" * 101)


def test_questions_are_read_as_the_survey_kit_reads_their_header():
    qs = parse_questions([("Advice", "Whom do you ask?"), ("Energy", "Who gives you energy?"), ("", "")])
    assert [q.key for q in qs] == ["advice", "energy"]
    assert [q.key for q in DEFAULT_QUESTIONS] == ["advice", "information", "decisions"]
    with pytest.raises(RoomError, match="same relation|read as the relation"):
        parse_questions([("Advice", "a?"), ("Advise", "b?")])
    with pytest.raises(RoomError, match="at most"):
        parse_questions([(f"Q{i}", f"q {i}?") for i in range(5)])


def test_an_answer_names_only_people_on_the_roster_and_never_oneself():
    names = ["Ana", "Bo", "Cy"]
    assert check_answer(DEFAULT_QUESTIONS, names, "Ana", {"advice": ["Cy", "Bo"]})["advice"] == ["Bo", "Cy"]
    for bad in ({"advice": ["Mallory"]}, {"advice": ["Ana"]}, {"gossip": ["Bo"]}):
        with pytest.raises(RoomError):
            check_answer(DEFAULT_QUESTIONS, names, "Ana", bad)


def test_store_submit_replaces_the_answer_and_survives_reopening(tmp_path):
    s = Store(tmp_path)
    s.set_roster(parse_roster("Ana\nBo\nCy"))
    s.claim("Ana", "tok-a")
    sess = s.session("tok-a")
    assert s.submit(sess, {"advice": ["Bo"], "decisions": ["Bo", "Cy"]}) == 1
    assert s.submit(sess, {"advice": ["Cy"]}) == 2
    assert s.answer_of(sess)[0] == {"advice": ["Cy"]}
    token = s.token
    assert s.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s.close()
    again = Store(tmp_path)
    assert again.token == token and again.answer_of(again.session("tok-a"))[:2] == ({"advice": ["Cy"]}, 2)
    assert again.counts()["log"] == 2 and again.counts()["answers"] == 1
    with pytest.raises(RoomError, match="answered or"):
        again.set_roster(parse_roster("Bo\nCy"))  # Ana answered: she stays
    again.close()


def test_export_reads_back_as_the_same_network(tmp_path):
    s = Store(tmp_path)
    s.set_roster(parse_roster(ROSTER))
    for who, ticks in (("Ana", {"advice": ["Bo", HOSTILE], "information": [FORMULA]}),
                       ("Bo", {"decisions": ["Ana"]}), (HOSTILE, {"advice": ["Ana", "@SUM(A1)"]})):
        s.claim(who, "t" + who)
        s.submit(s.session("t" + who), ticks)
    snap = s.snapshot()
    paths = exporting.write_exports(snap, tmp_path, "check")
    assert [p.name for p in paths] == ["check-answers.csv", "check-people.csv", "check-report.html"]
    rows = list(csv.reader(io.StringIO(paths[0].read_text(encoding="utf-8"), newline="")))
    assert rows[0][:3] == ["Timestamp", "Your name", "Your team"] and len(rows) == 4
    cells = [c for r in rows for c in r]
    assert "'" + FORMULA in ";".join(cells) and not any(c.startswith(("=", "@", "+", "-")) for c in cells)
    html = paths[2].read_text(encoding="utf-8")
    assert HOSTILE not in html and "&lt;script&gt;" in html
    G = survey_graph(snap.people, snap.settings.questions, snap.answers)
    H, _ = read_survey(paths[0], people=paths[1])
    neutral = {"'" + FORMULA: FORMULA, "'@SUM(A1)": "@SUM(A1)"}
    back = {(neutral.get(u, u), neutral.get(v, v), d["relation"]) for u, v, d in H.edges(data=True)}
    assert back == {(u, v, d["relation"]) for u, v, d in G.edges(data=True)}
    with pytest.raises(RoomError):
        exporting.write_exports(snap, tmp_path, "check")  # never over an existing file
    s.close()


@pytest.mark.parametrize("name", ["../evil", "..", "a/b", "/etc/passwd", "x\\y", ".hidden", "", "a" * 80])
def test_export_names_cannot_leave_the_folder(tmp_path, name):
    with pytest.raises(RoomError):
        exporting.export_path(tmp_path, name, "answers.csv")


@pytest.mark.parametrize("name", ["../room.sqlite3", "room.sqlite3", "..%2froom.sqlite3", "x-answers.csv/../../a"])
def test_downloads_come_only_from_the_exports_folder(tmp_path, name):
    (tmp_path / "room.sqlite3").write_text("secret")
    with pytest.raises(RoomError):
        exporting.download_path(tmp_path, name)


def test_rate_limiter_refills():
    t = [0.0]
    rl = RateLimiter(rate=2.0, burst=3, clock=lambda: t[0])
    assert [rl.allow("a")[0] for _ in range(4)] == [True, True, True, False]
    assert rl.allow("b")[0]  # another client is not affected
    t[0] = 0.5
    assert rl.allow("a")[0] and not rl.allow("a")[0]


def test_live_map_marks_who_has_not_answered_and_keeps_positions(tmp_path):
    s = Store(tmp_path)
    s.set_roster(parse_roster("Ana\nBo\nCy\nDee"))
    lm = LiveMap()
    first = lm.compute(s.snapshot())
    net = first["scene"]["panels"][0]
    assert set(net["role"]) == {"cut_off"} and net["role_labels"]["cut_off"] == "has not answered yet"
    assert first["spec"]["controls"][0]["values"] == ["all relations", "advice", "information", "decisions"]
    s.claim("Ana", "t")
    s.submit(s.session("t"), {"advice": ["Bo"]})
    second = lm.compute(s.snapshot())
    net2 = second["scene"]["panels"][0]
    assert second["spec_key"] == first["spec_key"]  # the spec is sent once
    assert net2["role"][net2["people"]["id"].index("Ana")] != "cut_off" and len(net2["ties"]) == 2
    s.update(pseudonymise=True)
    coded = json.dumps(lm.compute(s.snapshot()))
    assert not re.search(r"\b(Ana|Bo|Cy|Dee)\b", coded)  # no name reaches the page, not even as an id
    s.close()


# --------------------------------------------------------------------------- the server


@pytest.fixture
def room(tmp_path):
    with Server(tmp_path) as srv:
        srv.call(srv.store.set_roster, parse_roster(ROSTER))
        srv.fpath = urllib.parse.urlsplit(srv.facilitator).path
        yield srv


def counts(srv) -> dict:
    return srv.call(srv.store.counts)


def test_a_participant_answers_edits_and_sees_saved_only_after_the_commit(room):
    p = Phone(room.url, loopback(2))
    assert p.join("Ana").status == 303
    r, rev = p.answer({"advice": ["Bo", "Cy"]})
    assert (r.status, rev) == (303, 1)
    page = p.get(r.location.split("#")[0])
    assert "Saved" in page.text and 'value="Bo" checked' in page.text
    assert "Saved" not in p.get("/answer?saved=7").text  # only the revision in the database says saved
    r, rev = p.answer({"decisions": ["Dee"]})
    assert rev == 2 and room.call(room.store.snapshot).answers["Ana"] == {"decisions": ["Dee"]}


def test_facilitator_pages_refuse_a_missing_or_wrong_token(room):
    p = Phone(room.url, loopback(3))
    Phone(room.url, loopback(4)).join("Ana")
    for path in ("/f/", "/f", "/f/wrong/", "/f/wrong/state.json", "/f/" + "x" * 24 + "/files/a-answers.csv",
                 room.fpath.replace("/f/", "/f/A"), room.fpath.upper()):
        r = p.get(path)
        assert r.status == 404, (path, r.status)
        assert "Ana" not in r.text and "Bo" not in r.text
    assert p.post("/f/wrong/settings", [("action", "close")]).status == 403  # no XSRF token yet
    p.get("/")  # now with one: the token is what is refused
    assert p.post("/f/wrong/settings", [("action", "close")]).status == 404
    assert room.call(lambda: room.store.settings.open)
    assert p.get(room.fpath).status == 200


def test_participants_see_only_their_own_answer(room):
    ana, bo = Phone(room.url, loopback(5)), Phone(room.url, loopback(6))
    ana.join("Ana")
    ana.answer({"advice": ["Bo"], "information": ["Cy"]})
    bo.join("Bo")
    page = bo.get("/answer").text
    assert " checked" not in page  # nothing of Ana's answer
    assert bo.get("/answer?person=Ana").text.count(" checked") == 0
    assert Phone(room.url, loopback(7)).get("/answer").status == 303  # no name chosen: back to the start
    for path in ("/state.json", "/answers", "/export", "/f/state.json"):
        assert bo.get(path).status == 404


def test_every_form_needs_its_xsrf_token(room):
    p = Phone(room.url, loopback(8))
    p.get("/")
    assert p.post("/consent", [], xsrf=False).status == 403
    p.post("/consent", [])
    assert p.post("/join", [("name", "Ana")], xsrf=False).status == 403
    assert counts(room)["sessions"] == 0
    p.join("Ana")
    before = counts(room)
    assert p.post("/answer", [("q-advice", "Bo")], xsrf=False).status == 403
    assert p.post(room.fpath + "settings", [("action", "close")], xsrf=False).status == 403
    assert counts(room) == before and room.call(lambda: room.store.settings.open)
    r = p.request("POST", "/answer", b"q-advice=Bo&_xsrf=" + p.cookies["_xsrf"].encode(),
                  {"Content-Type": "application/x-www-form-urlencoded", "Origin": "http://evil.example",
                   "Sec-Fetch-Site": "cross-site"})
    assert r.status == 403 and counts(room) == before


def test_request_bodies_have_a_size_limit(room):
    p = Phone(room.url, loopback(9))
    p.join("Ana")
    before = counts(room)
    big = [("q-advice", "B" * 1000)] * 100  # about 100 kB
    assert p.post("/answer", big).status == 413
    many = [("q-advice", "Bo")] * 5000  # more fields than any form has
    assert p.post("/answer", many).status == 400
    huge = b"q-advice=" + b"x" * 3_000_000
    try:
        status = p.request("POST", "/answer", huge, {"Content-Type": "application/x-www-form-urlencoded"}).status
    except (ConnectionResetError, http.client.RemoteDisconnected):
        status = "reset"  # the server answered 400 and closed before the client read it
    assert status in (400, "reset")  # refused as soon as the headers announce the size
    p.close()
    assert counts(room) == before


def test_names_not_on_the_roster_are_refused(room):
    p = Phone(room.url, loopback(10))
    p.get("/")
    p.post("/consent", [])
    assert p.post("/join", [("name", "Mallory")]).status == 400
    assert counts(room)["sessions"] == 0
    p.join("Ana")
    before = counts(room)
    for fields in ([("q-advice", "Mallory")], [("q-advice", "Ana")], [("q-gossip", "Bo")], [("who", "Bo")]):
        r = p.post("/answer", fields)
        assert r.status == 400, fields
    assert counts(room) == before


def test_html_and_formula_names_are_escaped_everywhere(room):
    p = Phone(room.url, loopback(11))
    p.join(HOSTILE)
    r, rev = p.answer({"advice": [FORMULA, "@SUM(A1)"]})
    assert rev == 1
    f = Phone(room.url, loopback(12))
    pages = [p.get("/").text, p.get("/answer").text, f.get(room.fpath).text]
    for text in pages:
        assert HOSTILE not in text and "<script>alert" not in text
    assert "&lt;script&gt;alert" in pages[1] and "&lt;script&gt;alert" in pages[2]
    state = f.get(room.fpath + "state.json")
    assert state.headers["content-type"].startswith("application/json")
    assert "<" not in state.text and HOSTILE in json.loads(state.text)["answered"]
    r = f.post(room.fpath + "export", [("name", "esc")])
    assert r.status == 303
    csv_text = f.get(room.fpath + "files/esc-answers.csv").text
    rows = list(csv.reader(csv_text.splitlines()))
    assert not any(c.startswith(("=", "@", "+", "-")) for row in rows for c in row)
    assert any("'" + FORMULA in c for row in rows for c in row)
    assert HOSTILE not in f.get(room.fpath + "files/esc-report.html").text


def test_rate_limit_per_client(tmp_path):
    with Server(tmp_path, Limits(rate=0.5, burst=5)) as srv:
        a, b = Phone(srv.url, loopback(13)), Phone(srv.url, loopback(14))
        codes = [a.get("/").status for _ in range(8)]
        assert codes[:5] == [200] * 5 and 429 in codes[5:]
        r = a.get("/")
        assert r.status == 429 and int(r.headers["retry-after"]) >= 1
        assert b.get("/").status == 200  # another phone is not affected


def test_one_time_codes_are_single_use_and_bind_one_name(room):
    f = Phone(room.url, loopback(15))
    f.get(room.fpath)
    assert f.post(room.fpath + "settings", [("action", "codes-on")]).status == 303
    codes = {n: c for n, c, _ in room.call(room.store.codes)}
    first, second = Phone(room.url, loopback(16)), Phone(room.url, loopback(17))
    assert first.join(code=codes["Bo"]).status == 303
    assert "Your answer, Bo" in first.get("/answer").text
    before = counts(room)
    assert second.join(code=codes["Bo"]).status == 409  # replayed
    assert second.join(code="ZZZZZZ").status == 403  # not a code
    assert second.post("/join", [("name", "Cy")]).status == 403  # names are not enough with codes on
    assert counts(room) == before
    slips = f.get(room.fpath + "codes").text
    assert codes["Cy"] in slips and "&lt;script&gt;" in slips


def test_wrong_codes_are_rate_limited(room):
    f = Phone(room.url, loopback(18))
    f.get(room.fpath)
    f.post(room.fpath + "settings", [("action", "codes-on")])
    p = Phone(room.url, loopback(19))
    p.get("/")
    p.post("/consent", [])
    statuses = [p.post("/code", [("code", f"WRONG{i}")]).status for i in range(12)]
    assert statuses[:10] == [403] * 10 and statuses[10:] == [429, 429]


def test_a_name_is_taken_by_one_phone_until_the_facilitator_frees_it(room):
    a, b = Phone(room.url, loopback(20)), Phone(room.url, loopback(21))
    a.join("Cy")
    a.answer({"advice": ["Ana"]})
    assert b.join("Cy").status == 409
    f = Phone(room.url, loopback(22))
    f.get(room.fpath)
    assert f.post(room.fpath + "release", [("name", "Cy")]).status == 303
    assert b.post("/join", [("name", "Cy")]).status == 303
    assert " checked" not in b.get("/answer").text  # the new phone does not see the earlier answer
    assert a.get("/answer").status == 303  # the old phone's session has ended


def test_export_path_traversal_is_refused(room):
    f = Phone(room.url, loopback(23))
    f.get(room.fpath)
    for name in ("../evil", "..", "a/../../b", "/tmp/x", "..\\x"):
        assert f.post(room.fpath + "export", [("name", name)]).status == 400, name
    for path in ("files/../room.sqlite3", "files/%2e%2e%2froom.sqlite3", "files/room.sqlite3",
                 "files/..%2F..%2Fetc%2Fpasswd"):
        r = f.get(room.fpath + path)
        assert r.status in (400, 403, 404) and "SQLite" not in r.text, path
    assert not list(room.folder.parent.glob("evil*")) and not (room.folder / "evil-answers.csv").exists()


def test_closing_the_survey_keeps_answers_and_refuses_changes(room):
    p = Phone(room.url, loopback(24))
    p.join("Dee")
    p.answer({"advice": ["Ana"]})
    f = Phone(room.url, loopback(25))
    f.get(room.fpath)
    f.post(room.fpath + "settings", [("action", "close")])
    before = counts(room)
    r, rev = p.answer({"advice": ["Bo"]})
    assert r.status == 409 and rev is None and counts(room) == before
    page = p.get("/answer").text
    assert "closed the survey" in page and "Ana" in page


def test_pages_load_nothing_from_elsewhere(room):
    p = Phone(room.url, loopback(26))
    for path in ("/", room.fpath, "/join"):
        r = p.get(path)
        assert "default-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["referrer-policy"] == "no-referrer"
        urls = re.findall(r"""(?:src|href|action)=["']([^"']+)""", r.text)
        assert all(u.startswith(("/", "#", "data:")) for u in urls), urls


def test_the_command_line_says_who_can_reach_the_server():
    from p2pkit.team.room.cli import facilitator_url, participant_url, reach_sentence

    assert "Only this laptop" in reach_sentence("127.0.0.1")
    assert "Every device on the networks" in reach_sentence("0.0.0.0")
    assert participant_url("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert facilitator_url("0.0.0.0", 8765, "T") == "http://127.0.0.1:8765/f/T/"
    assert re.fullmatch(r"http://[\d.]+:8765/", participant_url("0.0.0.0", 8765))
