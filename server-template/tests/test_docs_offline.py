"""/docs and /redoc work air-gapped: their scripts and styles come from the server itself (a
package in the image), never from another host."""

import re


def test_docs_pages_load_only_from_the_server(example) -> None:
    served = 0
    for page in ("/docs", "/redoc"):
        status, _, body = example.request("GET", page)
        html = body.decode()
        assert status == 200
        assert not re.search(r"""(src|href)=["']https?://""", html), html
        for ref in re.findall(r"""(?:src|href)=["'](/docs-assets/[^"']+)""", html):
            code, headers, asset = example.request("GET", ref)
            assert code == 200 and len(asset) > 10_000, ref
            assert headers["content-type"].startswith(("text/javascript", "text/css"))
            served += 1
    # Swagger UI at least (both flavours); ReDoc too where its package exists (pip).
    assert served >= 2


def test_unknown_asset_is_404(example) -> None:
    assert example.request("GET", "/docs-assets/../server/app.py")[0] == 404
    assert example.request("GET", "/docs-assets/nothing.js")[0] == 404
