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
