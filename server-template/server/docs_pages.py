"""/docs and /redoc pages: FastAPI's when it imports, else the same pages written here (a user's
requirements.txt may move pydantic to 1.x, which current FastAPI refuses to import with; the rest
of the server does not need FastAPI)."""

SWAGGER = """<!doctype html>
<html><head><title>{title}</title>
<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="https://cdn.jsdelivr.net/npm/swagger-ui-dist@5/swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: "{url}", dom_id: "#swagger-ui"}})</script>
</body></html>"""

REDOC = """<!doctype html>
<html><head><title>{title}</title></head><body>
<redoc spec-url="{url}"></redoc>
<script src="https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js"></script>
</body></html>"""


def swagger_html(title: str, url: str) -> str:
    try:
        from fastapi.openapi.docs import get_swagger_ui_html
    except Exception:  # FastAPI absent, or refusing this pydantic
        return SWAGGER.format(title=title, url=url)
    return bytes(get_swagger_ui_html(openapi_url=url, title=title).body).decode()


def redoc_html(title: str, url: str) -> str:
    try:
        from fastapi.openapi.docs import get_redoc_html
    except Exception:
        return REDOC.format(title=title, url=url)
    return bytes(get_redoc_html(openapi_url=url, title=title).body).decode()
