async def test_healthz(client):
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readyz_reports_database(client):
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


async def test_openapi_and_docs(client):
    assert (await client.get("/openapi.json")).json()["info"]["title"] == "Kỳ Họp"
    assert (await client.get("/docs")).status_code == 200


async def test_unknown_api_path_is_404_in_error_shape(client):
    response = await client.get("/api/v1/nothing-here", headers={"Accept-Language": "en"})
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not found", "details": None}}
