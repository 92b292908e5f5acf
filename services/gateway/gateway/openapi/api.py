from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse

router = APIRouter(include_in_schema=False)


@router.get("/openapi.json")
async def merged_openapi(request: Request) -> JSONResponse:
    return JSONResponse(await request.app.state.api_docs.document())


def serve_merged_openapi(app: FastAPI) -> None:
    """FastAPI's own /openapi.json route would shadow this one and document the gateway alone: take it
    out. Its /docs page stays and shows whatever /openapi.json serves, now the merged document."""
    app.router.routes[:] = [route for route in app.router.routes if getattr(route, "path", None) != "/openapi.json"]
    app.include_router(router)
