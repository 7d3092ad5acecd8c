"""The building blocks on their own, against the local API (no SDK run needed)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apiserver import N_ITEMS, TOKEN, Api

from assistant.connector.blocks import rest


@pytest.fixture
def api() -> Iterator[Api]:
    with Api() as server:
        yield server


def test_retry_honours_retry_after_and_never_retries_auth_failures(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    sleeps: list[float] = []
    monkeypatch.setattr(rest.time, "sleep", sleeps.append)
    monkeypatch.setattr(rest.log, "warning", lambda message: None)  # the SDK logs only inside a run
    monkeypatch.setattr(rest, "AUTH", {"kind": "bearer", "token_key": "t"})
    session = rest.build_session({"t": TOKEN})
    payload, _ = rest.call(session, "GET", f"{api.url}/bearer/page/items", {"page": 1, "per_page": 5})
    assert len(payload) == 5 and sleeps == [1.0]  # one 429 with Retry-After: 1
    monkeypatch.setattr(rest, "AUTH", {"kind": "none"})
    with pytest.raises(RuntimeError, match=r"Access denied by .* \(HTTP 401\); check the credentials"):
        rest.call(rest.build_session({}), "GET", f"{api.url}/bearer/page/items", {})
    assert api.requests.count("/bearer/page/items") == 1  # the 401 was not retried


def test_each_pagination_style_reads_every_record_once(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rest.time, "sleep", lambda s: None)
    monkeypatch.setattr(rest.log, "warning", lambda message: None)
    monkeypatch.setattr(rest, "AUTH", {"kind": "bearer", "token_key": "t"})
    session = rest.build_session({"t": TOKEN})
    styles = {
        "offset": ({"param": "offset", "size_param": "limit", "size": 10, "total": "total"},
                   "/bearer/offset/items", "results"),
        "link": ({"size_param": "limit", "size": 10}, "/bearer/link/items", ""),
        "page": ({"param": "page", "size_param": "per_page", "size": 10}, "/bearer/page/items", ""),
    }
    for style, (pagination, path, records) in styles.items():
        spec = {"records": records, "pagination": {"kind": style, **pagination}}
        pages = list(rest.fetch_pages(session, api.url + path, spec, {}, None))
        skus = [r["sku"] for page in pages for r in page]
        assert len(skus) == len(set(skus)) == N_ITEMS, style


def test_records_are_flattened_or_kept_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    record = {"id": 1, "address": {"city": "Oslo", "geo": {"lat": 1.5}}, "tags": ["a", "b"]}
    assert rest.prepare_record(record) == {"id": 1, "address_city": "Oslo", "address_geo_lat": 1.5,
                                           "tags": '["a", "b"]'}
    monkeypatch.setattr(rest, "NESTED", "json")
    assert rest.prepare_record(record)["address"] == '{"city": "Oslo", "geo": {"lat": 1.5}}'


def test_timestamps_are_normalised_to_utc_and_type_changes_are_logged(monkeypatch: pytest.MonkeyPatch) -> None:
    assert rest.to_utc("2024-01-01T12:00:00+02:00") == "2024-01-01T10:00:00Z"
    assert rest.to_utc("not a date") == "not a date"
    warnings: list[str] = []
    monkeypatch.setattr(rest.log, "warning", warnings.append)
    seen: dict = {}
    rest.note_types("t", {"score": 1, "new": None}, seen)
    rest.note_types("t", {"score": "1", "extra": True}, seen)
    assert warnings == ["t.score: values changed type from int to str"]


def test_endpoint_urls_fill_configured_values_and_do_not_repeat_the_base_path() -> None:
    from assistant.connector.blocks import rest

    assert rest.endpoint_url({"base_url": "http://h/v1"}, "/v1/jobs") == "http://h/v1/jobs"
    assert rest.endpoint_url({"base_url": "http://h"}, "/v1/jobs") == "http://h/v1/jobs"
    assert rest.endpoint_url({"base_url": "http://h/", "tenant": "acme"}, "/t/{tenant}/calls") == "http://h/t/acme/calls"
    assert rest.joined("http://h/api/v2", "/api/v2/things/") == "http://h/api/v2/things/"


def test_a_key_found_in_rows_skips_measurements_and_prefers_names_over_counts() -> None:
    from assistant.connector.blocks import local

    rows = [{"device": f"d{d}", "sensor": s, "ts": f"t{t}", "value": 10.0 + d + t / 10, "battery": 90 - d}
            for d in range(3) for s in ("hum", "temp") for t in range(4)]
    assert local.choose_key("readings", rows) == ["device", "sensor", "ts"]


def test_a_host_without_a_scheme_takes_the_stated_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.connector.blocks import rest

    monkeypatch.setattr(rest, "BASE_URL", "http://stated.example.com")
    assert rest.base_url({"base_url": "127.0.0.1:8080/"}) == "http://127.0.0.1:8080"
    monkeypatch.setattr(rest, "BASE_URL", "")
    assert rest.base_url({"base_url": "api.example.com"}) == "https://api.example.com"


def test_a_child_array_wrapped_in_a_list_object_is_its_items() -> None:
    from assistant.connector.blocks import rest

    assert rest.list_in({"object": "list", "has_more": False, "data": [{"id": 1}]}) == [{"id": 1}]
    assert rest.list_in([{"id": 1}]) == [{"id": 1}] and rest.list_in({"a": [], "b": []}) is None


def test_configuration_keys_named_otherwise_are_matched_by_likeness(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.connector.blocks import rest

    monkeypatch.setattr(rest, "REQUIRED_CONFIG", ["base_url", "account_id", "account_secret"])
    monkeypatch.setattr(rest.log, "warning", lambda message: None)
    configuration = {"api_host": "http://h", "acct": "a1", "signing_secret": "s1"}
    rest.settle_configuration(configuration)
    assert (configuration["base_url"], configuration["account_id"], configuration["account_secret"]) == (
        "http://h", "a1", "s1")
