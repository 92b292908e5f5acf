from starlette.requests import Request

from gateway.proxy.forwarding import forwarded_headers, upstream_url
from gateway.proxy.routes import ROUTES, service_for


def partner_request(path: bytes, query: bytes = b"", **headers: str) -> Request:
    scope = {"type": "http", "method": "POST", "path": path.decode(), "raw_path": path, "query_string": query,
             "headers": [(name.lower().replace("_", "-").encode(), value.encode()) for name, value in headers.items()],
             "state": {"request_id": "req-1"}}
    return Request(scope)


def test_only_the_headers_a_service_needs_are_forwarded():
    request = partner_request(b"/v1/bookings/b%2F1", b"expand=provider&x=%20", Authorization="Bearer t",
                              Content_Type="application/json", Accept="application/json", Idempotency_Key="k1",
                              X_Correlation_ID="c1", X_Api_Key="secret", X_Operator_Key="op", Cookie="a=b",
                              X_Request_ID="ignored-the-middleware-decides")
    assert str(upstream_url(request, "http://booking:8001")) == "http://booking:8001/v1/bookings/b%2F1?expand=provider&x=%20"
    headers = forwarded_headers(request)
    assert set(headers) == {"authorization", "content-type", "accept", "idempotency-key", "x-correlation-id",
                            "x-request-id"}
    assert headers["authorization"] == "Bearer t" and headers["x-correlation-id"] == "c1"
    assert headers["x-request-id"] == "req-1"


def test_of_a_repeated_header_the_first_is_forwarded():
    request = partner_request(b"/v1/bookings", Accept="application/json")
    request.scope["headers"].append((b"accept", b"text/html"))
    assert forwarded_headers(request)["accept"] == "application/json"


def test_a_path_without_escapes_is_forwarded_as_it_is():
    request = partner_request(b"/v1/bookings/b1")
    assert str(upstream_url(request, "http://booking:8001")) == "http://booking:8001/v1/bookings/b1"


def test_the_route_table_sends_each_first_segment_to_one_service():
    assert service_for("/v1/marketplace") == "booking"
    assert service_for("/v1/payment-methods/pm_1") == "wallet"
    assert service_for("/v1/disputes/1/decision") == "disputes"
    assert service_for("/v1/stream") == "notifications"
    assert service_for("/v1/admin/marketplaces") is None and service_for("/v2/bookings") is None
    segments = [segment for group in ROUTES.values() for segment in group]
    assert len(segments) == len(set(segments))
