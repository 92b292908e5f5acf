"""The sandbox processor's public API: what a partner's browser page calls, as it would a real
processor's browser library. Card details in, a single-use token out; the page sends only the token to
its backend and on to ours (`POST /v1/payment-methods {"token": ...}`).

    POST /sandbox-processor/v1/tokens  {"number", "exp_month", "exp_year", "cvc"}
      201 {"token": "tok_...", "card": {"brand", "last4", "exp_month", "exp_year"}, "expires_at"}
      422 {"error": {"code", "param", "message"}}   (the processor's own shape, never a value sent)

Its own app, not one of the wallet's routers: it stands for another company's system, so it has its
own error shape, takes any origin (CORS: it holds no secrets and acts for no merchant, as a processor's
public tokenization endpoint doesn't), and is served ahead of the wallet's middleware (serving.py).
"""

from collections.abc import Callable
from datetime import datetime

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.middleware.cors import CORSMiddleware

from shared.errors import validation_errors
from wallet.cards.sandbox.card_numbers import CardDetails, InvalidCard
from wallet.cards.sandbox.tokens import issue_token

PREFIX = "/sandbox-processor"
TOKENS_PATH = f"{PREFIX}/v1/tokens"
# A card form's body is a few dozen bytes: anything much larger is no card form.
MAX_BODY_BYTES = 4096


class CardForm(BaseModel):
    """What a card form sends. The number may be grouped with spaces or dashes, as typed."""

    model_config = ConfigDict(extra="forbid")

    number: str = Field(max_length=40, examples=["4242 4242 4242 4242"])
    exp_month: int = Field(ge=1, le=12, strict=True, examples=[12])
    exp_year: int = Field(ge=2000, le=2200, strict=True, examples=[2030])
    cvc: str = Field(max_length=8, examples=["123"])


class TokenizedCard(BaseModel):
    brand: str
    last4: str
    exp_month: int
    exp_year: int


class Token(BaseModel):
    token: str
    card: TokenizedCard
    expires_at: datetime


def create_public_app(engine_of: Callable[[], AsyncEngine]) -> FastAPI:
    """The processor's app; `engine_of` gives the database the sandbox keeps its state in (the
    wallet's, once its lifespan has opened it)."""
    app = FastAPI(title="Sandbox card processor", openapi_url=None, docs_url=None, redoc_url=None,
                  max_body_size=MAX_BODY_BYTES)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["POST"],
                       allow_headers=["Content-Type"], max_age=600)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        # The field and what is wrong with it; never the input, which may be a card number.
        first = validation_errors(exc.errors())[0]
        return processor_error(first["field"], "invalid_request", first["message"])

    @app.exception_handler(InvalidCard)
    async def _refused(request: Request, exc: InvalidCard):
        return processor_error(exc.field, exc.code, exc.message)

    @app.post(TOKENS_PATH, status_code=201)
    async def create_token(form: CardForm) -> JSONResponse:
        issued = await issue_token(engine_of(), CardDetails(form.number, form.exp_month, form.exp_year, form.cvc))
        answer = Token(token=issued.token, card=TokenizedCard(brand=issued.brand, last4=issued.last4,
                                                               exp_month=issued.exp_month, exp_year=issued.exp_year),
                       expires_at=issued.expires_at)
        # A token is a secret until spent: no cache along the way keeps it.
        return JSONResponse(answer.model_dump(mode="json"), status_code=201, headers={"Cache-Control": "no-store"})

    return app


def processor_error(param: str, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "param": param, "message": message}}, status_code=422)
