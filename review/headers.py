"""The security headers every response carries, error pages included."""

from __future__ import annotations

from starlette.responses import Response

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
# The raw page is served as text in a sandbox: even a browser that sniffed it as HTML could
# run nothing and load nothing.
EVIDENCE_CSP = "sandbox; default-src 'none'; frame-ancestors 'self'"


def secure(response: Response, path: str) -> Response:
    """`response` with the headers set (a route's own CSP or Cache-Control is kept)."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "SAMEORIGIN" if path.endswith("/evidence") else "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers.setdefault("Cache-Control", "no-store")
    return response
