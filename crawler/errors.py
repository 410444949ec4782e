"""Errors counted by kind, so a run report says what went wrong, not only how often."""

from __future__ import annotations

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.statscollectors import StatsCollector
from twisted.internet.error import (
    ConnectError,
    ConnectionLost,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed

PREFIX = "patrol/errors/"


def count_error(stats: StatsCollector, kind: str) -> None:
    stats.inc_value("patrol/errors")
    stats.inc_value(PREFIX + kind)


def by_kind(stats: dict) -> dict[str, int]:
    return {key[len(PREFIX):]: value for key, value in sorted(stats.items())
            if key.startswith(PREFIX)}


def fetch_error_kind(failure: Failure) -> str:
    """http_404, http_503, dns, timeout, connection, or fetch for anything else."""
    if failure.check(HttpError):
        return f"http_{failure.value.response.status}"
    if failure.check(DNSLookupError, CannotResolveHostError):
        return "dns"
    if failure.check(TimeoutError, TCPTimedOutError, DownloadTimeoutError):
        return "timeout"
    if failure.check(ConnectError, ConnectionLost, ResponseFailed,
                     DownloadConnectionRefusedError, ResponseDataLossError):
        return "connection"
    return "fetch"
