"""Scrapy's HTTP/1.1 download handler, closed without a race.

When a crawl closes, the handler closes its pooled connections and, since that can hang,
fires the same Deferred itself after one second. When the connections close just as that
second runs out (a cancelled 5 MB download under load did), both fire it: Twisted logs an
AlreadyCalledError traceback into the nightly run's output, though nothing was lost. Here the
timeout fires the Deferred only if nothing else has.
"""

from __future__ import annotations

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred


class HTTP11Handler(HTTP11DownloadHandler):
    async def close(self) -> None:
        from twisted.internet import reactor

        closed: Deferred[None] = self._pool.closeCachedConnections()
        timeout = reactor.callLater(self._disconnect_timeout, _fire_unless_fired, closed)
        try:
            await maybe_deferred_to_future(closed)
        finally:
            if timeout.active():
                timeout.cancel()


def _fire_unless_fired(deferred: Deferred) -> None:
    if not deferred.called:
        deferred.callback(None)
