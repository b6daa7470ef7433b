"""Security headers on every response, and a Content Security Policy on the web app's page that
forbids inline scripts, other origins and framing (clickjacking a vote)."""

from __future__ import annotations

from tests.contract import assert_error


async def test_the_web_app_page_carries_a_strict_policy(client) -> None:  # type: ignore[no-untyped-def]
    page = await client.get("/meetings/1")
    assert page.headers["content-type"].startswith(("text/html", "application/json"))
    if page.headers["content-type"].startswith("text/html"):  # the built app is there
        policy = dict(part.strip().split(" ", 1) for part in page.headers["content-security-policy"].split(";"))
        assert policy["script-src"] == "'self'" and "unsafe" not in page.headers["content-security-policy"]
        assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    assert page.headers["x-frame-options"] == "DENY"


async def test_every_answer_has_the_basic_headers(client, world) -> None:  # type: ignore[no-untyped-def]
    for response in (await client.get("/healthz"),
                     await client.get("/api/v1/me", headers=world.headers("deputy")),
                     await client.get("/api/v1/me")):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert "camera=()" in response.headers["permissions-policy"]
    assert_error(await client.get("/api/v1/me"), 401)


async def test_api_docs_keep_working_without_the_app_policy(client) -> None:  # type: ignore[no-untyped-def]
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "content-security-policy" not in docs.headers
