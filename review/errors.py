"""Error pages: one page for every refusal and failure, in Indonesian, in the normal layout
(menu and user name when the visitor is signed in) and with the usual security headers, the 500
page included (it is answered outside the middleware that adds them to every other page).
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.responses import Response

from review import headers
from storage import users

# Refusals whose detail the app writes for the user; any other status gets a fixed message,
# never the exception's own text.
WRITTEN_FOR_USERS = (400, 403, 409)
MESSAGES = {
    404: "Halaman tidak ditemukan.",
    405: "Alamat ini tidak bisa dibuka begitu saja; kembali lalu pakai tombol di halamannya.",
    413: "Kiriman terlalu besar untuk formulir mana pun di aplikasi ini.",
    500: "Terjadi kesalahan di server. Coba lagi; bila terulang, beri tahu admin.",
}
INCOMPLETE = "Formulir tidak lengkap. Muat ulang halaman lalu coba lagi."
TOO_LONG = "Isian formulir terlalu panjang."

Show = Callable[[Request, "users.SignedIn | None", int, str], Response]
Visitor = Callable[[Request], "users.SignedIn | None"]


def register(app: FastAPI, show: Show, visitor: Visitor) -> None:
    """Error handlers on `app`: `show(request, who, status, detail)` renders the page;
    `visitor(request)` is the signed-in user, or None."""

    @app.exception_handler(RequestValidationError)
    def bad_form(request: Request, exc: RequestValidationError) -> Response:
        # A form without its CSRF token or a required field, or with a field over its limit:
        # refused, never processed, and nothing of it is shown back.
        too_long = any(e["type"] in ("string_too_long", "too_long") for e in exc.errors())
        return show(request, visitor(request), 400, TOO_LONG if too_long else INCOMPLETE)

    @app.exception_handler(HTTPException)
    def refused(request: Request, exc: HTTPException) -> Response:
        detail = exc.detail if exc.status_code in WRITTEN_FOR_USERS else MESSAGES.get(
            exc.status_code, MESSAGES[500])
        response = show(request, visitor(request), exc.status_code, detail)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    def failed(request: Request, exc: Exception) -> Response:
        try:
            who = visitor(request)
        except Exception:  # the database may be what failed; the page is shown without a menu
            who = None
        return headers.secure(show(request, who, 500, MESSAGES[500]), request.url.path)
