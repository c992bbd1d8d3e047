"""Schemathesis against the mall's own OpenAPI schema: no input makes the server answer 5xx.

Every operation (device login, push, pull, business, healthz) is fuzzed in-process on the ASGI
app over SQLite, the sync operations with a real device token, so requests get past the token
check and reach the code behind it (sync.md failure 14: garbage gets a 4xx, never a 500). Each
answer must also have a documented status, content type and body (server/schemas.py).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session

from server.app import create_app
from server.security import IpThrottle, create_user, enrol_device
from tests.sync.live import sqlite_url

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@dataclass(frozen=True)
class Mall:
    """The app under test and a device token of one business on it."""

    app: FastAPI
    token: str


@pytest.fixture(scope="module")
def mall(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Mall]:
    app = create_app(sqlite_url(tmp_path_factory.mktemp("mall")))
    # Every generated login counts against the per-address limit; lift it, or after twenty
    # cases every login would be a 429 and nothing behind the limit would be reached.
    app.state.ip_throttle = IpThrottle(per_minute=10**9)
    with Session(app.state.engine, expire_on_commit=False) as session:
        user = create_user(session, username="made", password="rahasia-123", role="umkm",
                           business_name="Keripik Bu Made")
        _device, token = enrol_device(session, user, name="fuzz")
    yield Mall(app, token)
    app.state.engine.dispose()


# The operations are read at collection time from an app that only serves its schema (no
# database is touched); each case is then sent to the `mall` fixture's app. (Schemathesis's
# fixture-based lazy loading does not run under pytest 9.)
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app("sqlite://", migrate=False))


@schema.parametrize()
@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_no_request_makes_the_server_fail(case: schemathesis.Case[Any], mall: Mall) -> None:
    headers = {"Authorization": f"Bearer {mall.token}"}  # the public routes ignore it
    case.call_and_validate(headers=headers, checks=CHECKS, app=mall.app)


def test_the_schema_covers_every_route(mall: Mall) -> None:
    assert set(schema.raw_schema["paths"]) == set(mall.app.openapi()["paths"]) == {
        "/api/v1/auth/device", "/api/v1/sync", "/api/v1/photos/{sha}", "/api/v1/photos/held",
        "/api/v1/sync/push",
        "/api/v1/sync/pull", "/api/v1/sync/business", "/healthz", "/api/v1/products", "/api/v1/orders",
        "/api/v1/orders/{code}", "/api/v1/shop/stats"}




def _change(entity: str, op: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"change_id": str(uuid.uuid4()), "entity": entity, "entity_id": str(uuid.uuid4()),
            "op": op, "data": data, "hlc": "001790000000000:00000:0192aaaa", "schema": 1}


def _push(changes: list[dict[str, Any]]) -> bytes:
    return json.dumps({"changes": changes}).encode()


# Requests that once got a 500, each found by the run above or while reading its failures.
ONCE_500 = {
    "cursor past any sequence": ("GET", "/api/v1/sync/pull?since=9223372036854775808", b"",
                                 422, "less than or equal"),
    "nested too deep": ("POST", "/api/v1/sync/push", b"[" * 100_000 + b"]" * 100_000, 400,
                        "bukan JSON"),
    "half a surrogate in a login": ("POST", "/api/v1/auth/device",
                                    b'{"username": "\\ud800", "password": "x"}', 400, "surrogate"),
    "half a surrogate in a change": ("POST", "/api/v1/sync/push",
                                     _push([_change("item", "insert", {"name": "x\\udc00"})])
                                     .replace(b"\\\\udc00", b"\\udc00"), 400, "surrogate"),
    "a period without its date": ("POST", "/api/v1/sync/push",
                                  _push([_change("period", "update", {})]), 422, "through"),
}


@pytest.mark.parametrize("name", ONCE_500)
def test_garbage_that_once_gave_a_500_gets_a_4xx_with_a_reason(mall: Mall, name: str) -> None:
    method, url, body, status, reason = ONCE_500[name]
    client = TestClient(mall.app, raise_server_exceptions=False)
    reply = client.request(method, url, content=body or None, headers={
        "Authorization": f"Bearer {mall.token}", "Content-Type": "application/json"})
    assert reply.status_code == status, reply.text
    assert reason in reply.text
    assert reply.json()  # and the refusal itself is readable JSON


@pytest.mark.parametrize(("change", "reason"), [
    (_change("item", "insert", {}), "kolom wajib tidak ada: name, sku, unit"),
    (_change("asset", "insert", {"name": "Etalase"}), "kolom wajib tidak ada: account"),
    (_change("account", "update", {"name": "Kas kecil"}), "kolom wajib tidak ada: code"),
    ({**_change("item", "update", {"price": 5}), "hlc": "\u0661" * 15 + ":00000:ab"}, "hlc"),
    ({**_change("item", "update", {"price": 5}), "hlc": "001790000000000:00000:ab\n"}, "hlc"),
])
def test_changes_no_desktop_could_apply_are_rejected(mall: Mall, change: dict[str, Any],
                                                     reason: str) -> None:
    # Stored, each would have broken the pull of every other PC of the business.
    client = TestClient(mall.app)
    reply = client.post("/api/v1/sync/push", content=_push([change]), headers={
        "Authorization": f"Bearer {mall.token}", "Content-Type": "application/json"})
    assert reply.status_code == 422
    (result,) = reply.json()["results"]
    assert result["status"] == "rejected" and reason in result["reason"]
