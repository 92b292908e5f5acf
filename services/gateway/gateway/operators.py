"""The platform's operators: one shared key, for the /v1/admin endpoints."""

import hmac
from typing import Annotated

from fastapi import Request, Security

from gateway.security import OPERATOR_KEY
from shared.errors import Unauthorized


async def require_operator(request: Request, given: Annotated[str | None, Security(OPERATOR_KEY)]) -> None:
    expected = request.app.state.settings.operator_key.get_secret_value()
    # Constant time, so the response time tells nothing about how much of a guess was right.
    if given is None or not hmac.compare_digest(given.encode(), expected.encode()):
        raise Unauthorized("Send the operator key as X-Operator-Key.", slug="invalid-operator-key")


OperatorOnly = Security(require_operator)
