"""One OpenAPI document for partners: the gateway's own paths and those of every service it routes to,
and the pages that show it."""
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

from gateway.openapi.pages import OPENAPI_URL, serve_offline_pages

router = APIRouter(include_in_schema=False)


@router.get(OPENAPI_URL)
async def merged_openapi(request: Request) -> JSONResponse:
    return JSONResponse(await request.app.state.api_docs.document())


def serve_merged_openapi(app: FastAPI) -> None:
    """FastAPI's own /openapi.json route would shadow this one and document the gateway alone: take it
    out. /docs and /redoc show whatever /openapi.json serves, now the merged document."""
    app.router.routes[:] = [route for route in app.router.routes if getattr(route, "path", None) != OPENAPI_URL]
    app.include_router(router)
    serve_offline_pages(app)
