"""The credentials the gateway reads, declared once: the dependencies read them, OpenAPI documents them."""

from fastapi.security import APIKeyHeader, HTTPBearer

OPERATOR_KEY = APIKeyHeader(
    name="X-Operator-Key", scheme_name="OperatorKey", auto_error=False,
    description="The platform operators' key; only the /v1/admin endpoints take it.")
API_KEY = APIKeyHeader(
    name="X-Api-Key", scheme_name="PartnerApiKey", auto_error=False,
    description="An API key of your marketplace: issuing user tokens and every /v1 call need it.")
USER_TOKEN = HTTPBearer(
    scheme_name="UserToken", bearerFormat="JWT", auto_error=False,
    description="A short-lived token of one of your users, from POST /v1/auth/tokens.")

# What a call routed to a service needs: the marketplace's key and a user token of that marketplace.
PROXIED_CALL_SECURITY = [{API_KEY.scheme_name: [], USER_TOKEN.scheme_name: []}]


def security_schemes() -> dict[str, dict]:
    return {scheme.scheme_name: scheme.model.model_dump(mode="json", by_alias=True, exclude_none=True)
            for scheme in (OPERATOR_KEY, API_KEY, USER_TOKEN)}
