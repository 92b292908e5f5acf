"""Where the sandbox processor's public API (public_api.py) is served: on the wallet's port, under
/sandbox-processor/, ahead of every middleware of the wallet's own.

Ahead, because it stands for another company's system: the card details it takes must never meet
the wallet's request guard (which refuses card data on every route of ours), idempotency store (which
keeps a fingerprint of each body and the answers) or access log; and a real processor is reached on
its own host, never under our /v1 or through the gateway.
"""

from fastapi import FastAPI
from starlette.types import ASGIApp, Receive, Scope, Send

from wallet.cards.sandbox.public_api import PREFIX, create_public_app
from wallet.cards.settings import card_processor_settings
from wallet.settings import WalletSettings


class SandboxProcessorRoutes:
    """Requests under /sandbox-processor/ go to the processor's app, all others on to the wallet."""

    def __init__(self, app: ASGIApp, processor_app: ASGIApp):
        self.app, self.processor_app = app, processor_app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PREFIX + "/"):
            return await self.processor_app(scope, receive, send)
        await self.app(scope, receive, send)


def serve_sandbox_processor(app: FastAPI, settings: WalletSettings) -> None:
    """The wallet's `configure_app`: called after the shared middleware is added, so this one is the
    outermost. Only while the sandbox is the configured processor."""
    if card_processor_settings().processor != "sandbox":
        return
    processor_app = create_public_app(engine_of=lambda: app.state.runtime.engine)
    app.add_middleware(SandboxProcessorRoutes, processor_app=processor_app)
