"""How much a client may send: the request body as a whole (each form field has its own limit
where the route declares it).

Starlette's own body limit answers a declared oversize body with a bare English "Content Too
Large" that replaces the app's response; this one stops reading instead, so the app's error
handler shows its own page, in Indonesian and with the usual headers.
"""

from __future__ import annotations

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Every form is a few fields; the longest is a 5,000-character note.
MAX_BODY = 64 * 1024
# Except uploads: the register of licensed agencies as a CSV file (a few hundred companies).
UPLOADS = {"/agencies/import": 4 * 1024 * 1024}


class BodyLimit:
    """Raises HTTPException(413) when the app reads more than `limit` bytes of a request body,
    or starts reading one declared larger, before any of it is parsed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        limit = UPLOADS.get(scope.get("path", ""), self.limit)
        read = 0

        async def limited() -> Message:
            nonlocal read
            if declared > limit:
                raise HTTPException(413)
            message = await receive()
            read += len(message.get("body", b""))
            if read > limit:
                raise HTTPException(413)
            return message

        await self.app(scope, limited, send)


def _content_length(scope: Scope) -> int:
    for key, value in scope["headers"]:
        if key == b"content-length":
            return int(value) if value.isdigit() else 0
    return 0
