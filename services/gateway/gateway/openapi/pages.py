"""/docs (Swagger UI) and /redoc with their scripts and styles served by the gateway itself, from the
fastapi-offline package: FastAPI's own pages load them from a CDN, which a partner's network or an
air-gapped deployment may not reach."""

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/docs/assets"
OPENAPI_URL = "/openapi.json"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
# FastAPI's pages, replaced by these.
FASTAPI_PAGES = ("/docs", "/redoc", "/docs/oauth2-redirect")

router = APIRouter(include_in_schema=False)


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return get_swagger_ui_html(
        openapi_url=root + OPENAPI_URL, title="Lessons API", oauth2_redirect_url=root + OAUTH2_REDIRECT_URL,
        swagger_js_url=f"{root}{ASSETS_URL}/swagger-ui-bundle.js", swagger_css_url=f"{root}{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSETS_URL}/favicon.png",
        # Swagger UI would otherwise show a badge fetched from validator.swagger.io.
        swagger_ui_parameters={"validatorUrl": None, "persistAuthorization": True})


@router.get(OAUTH2_REDIRECT_URL)
async def swagger_ui_redirect() -> HTMLResponse:
    return get_swagger_ui_oauth2_redirect_html()


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    return get_redoc_html(openapi_url=root + OPENAPI_URL, title="Lessons API",
                          redoc_js_url=f"{root}{ASSETS_URL}/redoc.standalone.js",
                          redoc_favicon_url=f"{root}{ASSETS_URL}/favicon.png", with_google_fonts=False)


def serve_offline_pages(app: FastAPI) -> None:
    app.router.routes[:] = [route for route in app.router.routes
                            if getattr(route, "path", None) not in FASTAPI_PAGES]
    app.include_router(router)
    app.mount(ASSETS_URL, StaticFiles(packages=[("fastapi_offline", "static")]), name="docs-assets")
