import re

from gateway.openapi.merge import merge_documents
from gateway.security import PROXIED_CALL_SECURITY


async def test_one_document_holds_the_gateway_and_the_services_it_reaches(client):
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert {"/v1/admin/marketplaces", "/v1/auth/tokens", "/v1/marketplace"} <= set(document["paths"])
    assert document["paths"]["/v1/marketplace"]["get"]["security"] == PROXIED_CALL_SECURITY
    schemes = document["components"]["securitySchemes"]
    assert schemes["PartnerApiKey"] == {**schemes["PartnerApiKey"], "type": "apiKey", "in": "header",
                                        "name": "X-Api-Key"}
    assert schemes["UserToken"]["scheme"] == "bearer"
    # The test's wallet and notifications are down and its disputes never answers.
    assert "disputes, notifications, wallet" in document["info"]["description"]
    assert "booking" not in document["info"]["description"]
    refs = set(re.findall(r'"#/components/schemas/([^"]+)"', response.text))
    assert refs and refs <= set(document["components"]["schemas"])  # every reference resolves
    assert (await client.get("/openapi.json")).json() == document  # from the cache


async def test_the_docs_page_shows_the_merged_document(client):
    response = await client.get("/docs")
    assert response.status_code == 200 and "/openapi.json" in response.text


def _document(paths: dict, schemas: dict) -> dict:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths,
            "components": {"schemas": schemas}}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def test_clashing_schemas_get_the_service_prefix_and_references_follow():
    own = _document({"/v1/admin/marketplaces": {"get": {}}},
                    {"Item": {"type": "string"}, "Error": {"type": "object"}})
    booking = _document(
        {"/v1/bookings": {"get": {"responses": {"200": {"content": {"application/json": {"schema": _ref("List")}}}}}},
         "/internal/stats": {"get": {}}},
        {"Item": {"type": "integer"}, "List": {"type": "array", "items": _ref("Item")},
         "Error": {"type": "object"}})
    merged = merge_documents(own, {"booking": booking}, missing=["wallet"])
    schemas = merged["components"]["schemas"]
    assert schemas["Item"] == {"type": "string"} and schemas["booking_Item"] == {"type": "integer"}
    # List refers to the renamed Item, so it differs from nothing here but keeps its name.
    assert schemas["List"] == {"type": "array", "items": _ref("booking_Item")}
    assert "booking_Error" not in schemas  # the same schema twice is kept once
    assert "/internal/stats" not in merged["paths"]  # not reachable through the gateway
    response = merged["paths"]["/v1/bookings"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"] == _ref("List")
    assert merged["info"]["description"].endswith("wallet.")


def test_a_schema_that_refers_to_a_renamed_one_is_renamed_when_it_then_clashes():
    own = _document({}, {"Item": {"type": "string"}, "List": {"type": "array", "items": _ref("Item")}})
    wallet = _document({}, {"Item": {"type": "integer"}, "List": {"type": "array", "items": _ref("Item")}})
    schemas = merge_documents(own, {"wallet": wallet}, missing=[])["components"]["schemas"]
    assert schemas["wallet_List"] == {"type": "array", "items": _ref("wallet_Item")}
    assert schemas["List"] == {"type": "array", "items": _ref("Item")}


async def test_the_gateways_own_operations_document_their_answers_as_problems(client):
    paths = (await client.get("/openapi.json")).json()["paths"]
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    register = paths["/v1/admin/marketplaces"]["post"]
    assert {"400", "401", "409", "413", "422", "429", "500", "503"} <= set(register["responses"])
    assert "Idempotency-Key" in [parameter["name"] for parameter in register["parameters"]]
    assert "404" in paths["/v1/admin/marketplaces/{marketplace_id}"]["get"]["responses"]
    for item in paths.values():
        for operation in item.values():
            for status, answer in operation["responses"].items():
                if status[0] in "45":
                    assert answer["content"] == problem, (operation["summary"], status)


async def test_every_tag_is_described(client):
    document = (await client.get("/openapi.json")).json()
    used = {tag for item in document["paths"].values() for operation in item.values() for tag in operation["tags"]}
    assert used == {tag["name"] for tag in document["tags"]}
    assert all(tag.get("description") for tag in document["tags"])


async def test_the_docs_pages_load_their_assets_from_the_gateway(client):
    for page in ("/docs", "/redoc"):
        html = (await client.get(page)).text
        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert assets, page
        assert all(asset.startswith("/docs/assets/") for asset in assets), (page, assets)
        assert "http://" not in html and "https://" not in html, page  # no CDN, no web fonts
        for asset in assets:
            served = await client.get(asset)
            assert served.status_code == 200, asset
            expected = {"js": "text/javascript", "css": "text/css", "png": "image/png"}[asset.rsplit(".", 1)[1]]
            assert served.headers["content-type"].startswith(expected), (asset, served.headers["content-type"])
