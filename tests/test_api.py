"""The HTTP API on a real server (tests/fake_server.py: `streamlit run ui/server.py` with fake models), on a
free local port, called with a real HTTP client: every endpoint, every error code, streamed events in
order, keys, rates, CORS, batches from a feed served on loopback, and the served schema fuzzed."""

from __future__ import annotations

import json
import os
import threading
import time

import fake_server
import httpx
import pytest
from conftest import ROOT, free_port

from summarizer.cli import main

pytestmark = pytest.mark.xdist_group("api")  # the servers once, on one worker
SLOW_MODEL = "sshleifer/distilbart-cnn-6-6"  # streams its drafts a word every 0.1 s on these servers
ARTICLE = ("The city council voted on Tuesday to rebuild the harbour wall before the winter storms. Work starts "
           "in March and will cost 40 million euros, paid from the regional budget. The mayor said the plan "
           "would protect two thousand homes from flooding. Opposition members asked for an independent review "
           "of the costs.")
FUZZ_EXAMPLES = 25  # per operation and mode
KEYS = ("rate-key-0123456789abcdef", "queue-key-0123456789abcdef", "model-key-0123456789abcdef")


def _serve(tmp_path_factory, name: str, **settings: str):
    folder = tmp_path_factory.mktemp(name)
    env = dict(os.environ, HF_HOME=str(folder / "hf-home"), HF_HUB_OFFLINE="1", FAKE_DRAFT_WORD_SECONDS="0.1",
               FAKE_SLOW_DRAFT_MODEL=SLOW_MODEL, SUMMARIZER_DATABASE=str(folder / "results.sqlite3"),
               SUMMARIZER_MAX_CHARS="5000", **settings)
    (ROOT / "test-artifacts").mkdir(exist_ok=True)
    log = open(ROOT / "test-artifacts" / f"api-server-{name}.log", "w")
    process, url = fake_server.start(free_port(), env, log)
    return process, url, log


@pytest.fixture(scope="module")
def api(tmp_path_factory, site):
    """A public server as the page runs by default: no keys, the catalogue's models only."""
    process, url, log = _serve(tmp_path_factory, "open", SUMMARIZER_RUNS_PER_MINUTE="1000",
                               SUMMARIZER_URL_ALLOW="127.0.0.1")
    with httpx.Client(base_url=url + "/api/v1", timeout=60) as client:
        yield client
    process.kill()
    process.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def keyed(tmp_path_factory):
    """A newsroom's server: keys, a rate per key, one allowed web origin, a queue of one, any model."""
    process, url, log = _serve(tmp_path_factory, "keyed", SUMMARIZER_API_KEYS=",".join(KEYS),
                               SUMMARIZER_API_RUNS_PER_MINUTE="3", SUMMARIZER_API_ORIGINS="https://newsroom.example",
                               SUMMARIZER_QUEUE_LENGTH="1", SUMMARIZER_ANY_MODEL="1")
    with httpx.Client(base_url=url + "/api/v1", timeout=60) as client:
        yield client
    process.kill()
    process.wait(timeout=20)
    log.close()


def events_of(response: httpx.Response) -> list[tuple[str, dict]]:
    found = []
    for block in response.text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        found.append((lines["event"], json.loads(lines["data"])))
    return found


def test_a_summary_is_the_command_lines_json_with_a_link_that_opens_it_again(api, fake_models, tmp_path, capsys):
    answer = api.post("/summaries", json={"text": ARTICLE, "length": "short", "translate_to": ["fr"]})
    assert answer.status_code == 200, answer.text
    result = answer.json()
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert main([str(article), "--length", "short", "--translate", "fr", "--json", "--quiet"]) == 0
    cli = json.loads(capsys.readouterr().out)
    same = ("summary", "engine", "model", "language", "route", "translations", "support", "unsupported", "format",
            "source_words", "summary_words", "chunks")
    assert {k: result[k] for k in same} == {k: cli[k] for k in same}
    assert set(result) == set(cli) | {"id", "link"}
    assert result["link"] == f"{str(api.base_url).removesuffix('/api/v1/')}/?r={result['id']}"  # the page's link
    stored = api.get(f"/summaries/{result['id']}").json()
    assert stored["summary"] == result["summary"] and stored["text"] == ARTICLE


def test_an_article_by_its_address(api, site):
    result = api.post("/summaries", json={"url": site + "/news/council", "engine": "extractive"}).json()
    assert "waterfront" in result["summary"] and result["engine"] == "extractive"


def test_streamed_events_come_in_order_with_the_draft_growing(api):
    with api.stream("POST", "/summaries", json={"text": ARTICLE, "model": SLOW_MODEL},
                    headers={"Accept": "text/event-stream"}) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        response.read()
    events = events_of(response)
    names = [name for name, _ in events]
    assert names[0] == "started" and names[-1] == "result" and "progress" in names
    drafts = [data["text"] for name, data in events if name == "draft"]
    assert len(drafts) >= 3 and all(later.startswith(earlier) for earlier, later in zip(drafts, drafts[1:]))
    assert events[-1][1]["summary"] == "The city council voted on Tuesday to rebuild the harbour wall before the " \
                                       "winter storms."


@pytest.mark.parametrize("request_kwargs, status, code, words", [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "bad_json", "not valid JSON"),
    ({"content": b"text=hello", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 415,
     "unsupported_media_type", "as JSON"),
    ({"json": {"text": "word " * 1_200}}, 413, "too_large", "limit of 5,000 characters"),
    ({"json": {"text": ARTICLE, "padding": "x" * 200_000}}, 413, "too_large", "request body"),
    ({"json": {"text": ARTICLE, "length": "huge"}}, 400, "bad_request", "length: must be one of short, medium, long"),
    ({"json": {}}, 400, "bad_request", "give exactly one of text or url"),
    ({"json": {"text": ARTICLE, "url": "https://example.org/a"}}, 400, "bad_request", "exactly one of"),
    ({"json": {"text": ARTICLE, "model": "someone/their-model"}}, 400, "bad_request", "model:"),
    ({"json": {"text": "12345 67890 !!!"}}, 400, "bad_input", "no letters"),
    ({"json": {"url": "http://10.0.0.1/admin"}}, 400, "url_refused", "not a public web address"),
    ({"json": {"text": ARTICLE, "engine": "abstractive", "language": "xq"}}, 422, "unsupported_language", ""),
    ({"json": [1, 2, 3]}, 400, "bad_request", "the body: must be a JSON object"),
    ({"json": {"text": ARTICLE, "id": [[0] * 10] * 1000}}, 400, "bad_request", "fields this API does not take: id"),
    ({"json": {"text": ARTICLE, "language": "French"}}, 400, "bad_request", "a language code of two or three"),
    ({"json": {"url": "http://a..b/"}}, 400, "url_refused", "not a valid web address"),
    ({"json": {"url": "http://example.org:99999/"}}, 400, "url_refused", "not a valid web address"),
])
def test_each_bad_request_has_its_status_its_code_and_plain_words(api, request_kwargs, status, code, words):
    answer = api.post("/summaries", **request_kwargs)
    assert (answer.status_code, answer.json()["code"]) == (status, code), answer.text
    assert words in answer.json()["message"] and "Traceback" not in answer.text
    assert answer.json()["status"] == status


def test_addresses_and_methods_that_do_not_exist(api):
    for path in ("/summaries/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "/summaries/short", "/nothing", "/batches/nope"):
        answer = api.get(path)
        assert (answer.status_code, answer.json()["code"]) == (404, "not_found"), path
    answer = api.get("/summaries")
    assert (answer.status_code, answer.json()["code"]) == (405, "method_not_allowed")
    answer = api.get("/health/")  # neither redirected nor answered in plain text
    assert (answer.status_code, answer.json()["code"]) == (404, "not_found")
    assert api.delete("/summaries").headers["allow"] == "POST"


def test_a_body_of_thousands_of_list_items_is_refused_at_once_and_holds_up_nobody(api):
    started = time.monotonic()
    answer = api.post("/summaries", content=b'{"text": "hi", "translate_to": [' + b",".join([b'"fr"'] * 20_000)
                      + b"]}", headers={"content-type": "application/json"})
    assert (answer.status_code, answer.json()["code"]) == (400, "bad_request")
    assert answer.json()["message"] == "translate_to: at most 14 items, not 20,000"
    assert time.monotonic() - started < 5 and api.get("/health").status_code == 200


def test_the_readers_words_for_a_fallback_in_a_summary_a_stored_one_and_a_batch(api):
    result = api.post("/summaries", json={"text": ARTICLE, "language": "xyz"}).json()
    assert result["engine"] == "extractive" and "could not be used on this server" in result["fallback_reason"]
    stored = api.get(f"/summaries/{result['id']}").json()
    batch = _finished(api, api.post("/batches", json={"articles": [{"text": ARTICLE}], "language": "xyz"}).json()["id"])
    for reason in (result["fallback_reason"], stored["fallback_reason"], batch["results"][0]["fallback_reason"]):
        assert "--" not in reason and "python -m" not in reason  # the command line's words are its own


def test_the_check_flags_what_the_article_does_not_say(api):
    answer = api.post("/check", json={"article": ARTICLE, "summary": "Work starts in March and costs 41 million euros."})
    assert answer.status_code == 200
    report = answer.json()
    assert report["language"] == "en" and len(report["support"]) == 1
    assert [f["text"] for f in report["unsupported"]] == ["41 million"]
    assert api.post("/check", json={"article": ARTICLE}).json()["code"] == "bad_request"


def test_models_languages_health_and_the_schema(api):
    models = api.get("/models").json()
    assert models["any_model"] is False
    assert {"sshleifer/distilbart-cnn-12-6", "csebuetnlp/mT5_multilingual_XLSum"} <= {m["id"] for m in models["models"]}
    languages = api.get("/languages").json()
    routes = {row["code"]: row["route"] for row in languages["summaries"]}
    assert routes["en"] == "english-model" and routes["ar"] == "multilingual-model"
    assert {row["code"] for row in languages["translations"]} >= {"fr", "zh", "ar"}
    assert api.get("/health").json() == {"status": "ok", "waiting": 0, "queue_length": 8}
    schema = api.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1") and "/summaries" in schema["paths"]
    assert "security" not in schema  # no keys on this server


def _finished(client: httpx.Client, batch_id: str, **headers: str) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        batch = client.get(f"/batches/{batch_id}", headers=headers).json()
        if batch["status"] in ("done", "failed"):
            return batch
        time.sleep(0.2)
    raise AssertionError("the batch did not finish in a minute")


def test_a_days_feed_in_one_call(api, site):
    started = api.post("/batches", json={"feed": site + "/feed.rss", "engine": "extractive"})
    assert started.status_code == 202, started.text
    batch = _finished(api, started.json()["id"])
    assert batch["status"] == "done" and (batch["total"], batch["done"], batch["failed"]) == (5, 1, 4)
    errors = {row["id"]: row.get("error") for row in batch["results"]}
    assert errors[site + "/news/council"] is None
    assert "not a public web address" in errors["http://10.0.0.1/admin"]  # the reader's words
    assert api.post("/batches", json={"feed": site + "/news/council"}).json()["code"] == "url_refused"


def test_a_list_of_articles_as_a_batch(api, site):
    body = {"articles": [{"text": ARTICLE, "id": "harbour"}, {"url": site + "/plain", "title": "Le conseil"},
                         {"text": ARTICLE, "id": "half a pair \ud800"}]}  # sent escaped, as JSON may write it
    started = api.post("/batches", content=json.dumps(body).encode(), headers={"content-type": "application/json"})
    batch = _finished(api, started.json()["id"])
    rows = {row["id"]: row for row in batch["results"]}
    assert batch["status"] == "done" and batch["done"] == 3
    assert rows["harbour"]["summary"].startswith("The city council voted") and rows["article-2"]["language"] == "fr"
    assert "half a pair \ufffd" in rows  # no UTF-8 holds half a surrogate pair: it stands for it


def test_a_burst_of_batches_from_one_caller_starts_one(monkeypatch):
    """One batch at a time per caller, reserved before the (slow) feed is read."""
    from summarizer.admission import RateLimiter
    from summarizer.api import batches as module
    from summarizer.api.access import Caller
    from summarizer.api.errors import ApiError
    from summarizer.batch.records import Record

    def slow_feed(*args):
        time.sleep(0.5)
        return [Record("one", text=ARTICLE)]

    monkeypatch.setattr(module, "admitted_feed", slow_feed)
    monkeypatch.setattr(module.Batches, "_run", lambda self, batch, *rest: None)  # never finishes here
    batches, caller = module.Batches(), Caller("visitor-1", RateLimiter(100))
    outcomes: list[str] = []

    def start() -> None:
        try:
            batches.start({"feed": "https://feeds.example/rss", "engine": "extractive"}, caller)
            outcomes.append("started")
        except ApiError as refused:
            outcomes.append(refused.code)

    burst = [threading.Thread(target=start) for _ in range(6)]
    for thread in burst:
        thread.start()
    for thread in burst:
        thread.join(10)
    assert sorted(outcomes) == ["batch_running"] * 5 + ["started"]


def test_keys_rates_per_key_and_allowed_origins(keyed):
    body = {"text": ARTICLE, "engine": "extractive"}
    missing = keyed.post("/summaries", json=body)
    assert (missing.status_code, missing.json()["code"]) == (401, "unauthorized")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert keyed.post("/summaries", json=body, headers={"X-API-Key": "not-a-key-of-this-server"}).status_code == 401
    assert keyed.get("/health").status_code == 200  # a load balancer's check needs no key
    for _ in range(3):
        assert keyed.post("/summaries", json=body, headers={"Authorization": f"Bearer {KEYS[0]}"}).status_code == 200
    limited = keyed.post("/summaries", json=body, headers={"Authorization": f"Bearer {KEYS[0]}"})
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    other_key = keyed.post("/summaries", json=body, headers={"X-API-Key": KEYS[2]})
    assert other_key.status_code == 200  # each key its own rate
    preflight = {"Origin": "https://newsroom.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type"}
    allowed = keyed.options("/summaries", headers=preflight)
    assert allowed.headers["access-control-allow-origin"] == "https://newsroom.example"
    other = keyed.options("/summaries", headers={**preflight, "Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in other.headers
    answered = keyed.get("/models", headers={"Origin": "https://newsroom.example", "X-API-Key": KEYS[2]})
    assert answered.headers["access-control-allow-origin"] == "https://newsroom.example"


def test_without_keys_an_api_caller_spends_the_same_allowance_as_the_page():
    """One allowance per address, the page's own object: the API is no way around the page's limit."""
    from starlette.requests import Request

    from summarizer import config
    from summarizer.api.access import caller_of
    from ui.shared import rate_limiter

    request = Request({"type": "http", "method": "POST", "path": "/", "headers": [], "client": ("203.0.113.7", 5)})
    caller = caller_of(request, config.current())
    assert caller.limiter is rate_limiter() and caller.identity == "203.0.113.7"


def test_no_cross_origin_calls_unless_origins_are_set(api):
    answer = api.get("/models", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in answer.headers


def test_a_full_queue_is_429_with_retry_after_and_a_missing_model_503(keyed):
    """A queue of one: one summary runs, one waits (told its place), the next is refused at once."""
    headers = {"Authorization": f"Bearer {KEYS[1]}", "Accept": "text/event-stream"}
    body = {"text": ARTICLE, "model": SLOW_MODEL}
    seen: list[list[str]] = [[], []]
    running, waiting = threading.Event(), threading.Event()

    def slow_call(number: int, told: threading.Event, when: str) -> None:
        with keyed.stream("POST", "/summaries", json=body, headers=headers) as response:
            for line in response.iter_lines():
                if line.startswith("event: "):
                    seen[number].append(line.removeprefix("event: "))
                    if seen[number][-1] == when:
                        told.set()

    calls = [threading.Thread(target=slow_call, args=(0, running, "started")),
             threading.Thread(target=slow_call, args=(1, waiting, "queued"))]
    calls[0].start()
    assert running.wait(30)
    calls[1].start()
    assert waiting.wait(30)
    refused = keyed.post("/summaries", json=body, headers=headers)
    for call in calls:
        call.join(60)
    assert (refused.status_code, refused.json()["code"]) == (429, "queue_full"), refused.text
    assert int(refused.headers["retry-after"]) > 0
    assert seen[0][0] == "started" and seen[1][:2] == ["queued", "started"]
    assert seen[0][-1] == seen[1][-1] == "result"
    missing = keyed.post("/summaries", json={"text": ARTICLE, "model": "nobody/no-such-model"},
                         headers={"X-API-Key": KEYS[2]})
    assert (missing.status_code, missing.json()["code"]) == (503, "model_unavailable"), missing.text
    assert "/" not in missing.json()["message"].replace("nobody/no-such-model", "")  # no server path


@pytest.fixture(scope="module")
def served_schema(api):
    import schemathesis

    base = str(api.base_url).rstrip("/")
    schema = schemathesis.openapi.from_url(base + "/openapi.json")
    schema.config.update(base_url=base)
    # A text over the article limit is refused with 413, as documented, rather than a plain 400.
    schema.config.checks.negative_data_rejection.expected_statuses.append("413")
    return schema


@pytest.mark.filterwarnings("ignore")
def test_the_api_fuzzed_against_its_own_schema_gives_no_server_error(served_schema):
    """Bounded examples per operation, valid ones and ones the schema forbids: every answer as the schema
    documents it (status, type, body), none a 5xx, every invalid body refused. A body the schema allows
    may still be refused with a 4xx for what a schema cannot say (a text of digits alone, a language no
    model covers, an address that does not answer), so that one check is left out. (Schemathesis's own
    pytest fixtures do not run on pytest 9, so its operations are driven by Hypothesis here.)"""
    from hypothesis import HealthCheck, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode
    from schemathesis.checks import positive_data_acceptance

    for found in served_schema.get_all_operations():
        operation = found.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
            def call(case) -> None:
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            try:
                call()
            except Unsatisfiable:  # nothing to break: an operation without parameters or body
                assert mode == GenerationMode.NEGATIVE and "requestBody" not in operation.definition.raw
