"""/docs and /redoc pages whose scripts come from a package inside the image, never from a CDN, so
they work air-gapped: fastapi-offline's static files (pip flavour: Swagger UI and ReDoc) or
Debian's python3-flasgger (debian flavour: Swagger UI). Written here rather than taken from
FastAPI, which links a CDN and may refuse to import when a user's requirements.txt moves
pydantic to 1.x."""

import importlib.util
import os
from typing import Dict, Optional

ASSETS_PATH = "/docs-assets/"
# Where each package keeps the files, relative to the package folder.
SOURCES = (("fastapi_offline", "static"), ("flasgger", os.path.join("ui3", "static")))
FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js")
MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}

SWAGGER = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="{assets}swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="{assets}swagger-ui-bundle.js"></script>
<script>SwaggerUIBundle({{url: "{url}", dom_id: "#swagger-ui"}})</script>
</body></html>"""

REDOC = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<redoc spec-url="{url}"></redoc>
<script src="{assets}redoc.standalone.js"></script>
</body></html>"""

MISSING = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title></head><body>
<p>{what} is not packaged in this image ({hint}). The API description is at
<a href="{url}">{url}</a>{other}.</p></body></html>"""

_found: Optional[Dict[str, str]] = None


def asset_files() -> Dict[str, str]:
    """File name to path, from the first package that has it (looked up without importing it)."""
    global _found
    if _found is None:
        _found = {}
        for package, folder in SOURCES:
            try:
                spec = importlib.util.find_spec(package)
            except (ImportError, ValueError):
                spec = None
            for location in (spec.submodule_search_locations or []) if spec else []:
                for name in FILES:
                    path = os.path.join(location, folder, name)
                    if name not in _found and os.path.isfile(path):
                        _found[name] = path
    return _found


def asset(name: str) -> Optional[tuple]:
    """(bytes, media type) of one documentation asset, or None."""
    path = asset_files().get(name)
    if path is None:
        return None
    with open(path, "rb") as f:
        return f.read(), MEDIA[os.path.splitext(name)[1]]


def swagger_html(title: str, url: str) -> str:
    if "swagger-ui-bundle.js" not in asset_files():
        hint = "install fastapi-offline (pip) or python3-flasgger (apt)"
        return MISSING.format(title=title, what="Swagger UI", hint=hint, url=url, other="")
    return SWAGGER.format(title=title, url=url, assets=ASSETS_PATH)


def redoc_html(title: str, url: str) -> str:
    if "redoc.standalone.js" not in asset_files():
        hint = "Debian has no ReDoc package; the pip flavour's fastapi-offline has it"
        other = '; <a href="/docs">/docs</a> shows it with Swagger UI'
        return MISSING.format(title=title, what="ReDoc", hint=hint, url=url, other=other)
    return REDOC.format(title=title, url=url, assets=ASSETS_PATH)
