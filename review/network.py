"""A recruiter's network drawn as server-rendered SVG: identifiers on an inner ring, posts on an
outer ring, a line for every identifier found in a post.

Only coordinates are computed here; the template draws them, so every label goes through
Jinja's escaping like any other post text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SIZE = 480
MAX_POSTS = 60  # more than this is unreadable at this size; the page lists them all anyway


@dataclass(frozen=True)
class Node:
    key: str
    kind: str  # "identifier" or "post"
    label: str
    x: float
    y: float
    post_id: int | None = None


@dataclass(frozen=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    hidden_posts: int
    size: int = SIZE


def _ring(count: int, radius: float) -> list[tuple[float, float]]:
    if count == 1 and radius < SIZE / 3:
        return [(SIZE / 2, SIZE / 2)]
    return [(SIZE / 2 + radius * math.cos(2 * math.pi * i / count - math.pi / 2),
             SIZE / 2 + radius * math.sin(2 * math.pi * i / count - math.pi / 2))
            for i in range(count)]


def layout(identifiers: list[tuple[str, str]], post_ids: list[int],
           links: list[tuple[int, str, str]]) -> Network:
    """Place the nodes. Posts are ordered by the mean position of their identifiers on the inner
    ring, so the lines to each identifier stay short and mostly do not cross."""
    inner = dict(zip(identifiers, _ring(len(identifiers), SIZE * 0.2), strict=True))
    index = {key: i for i, key in enumerate(identifiers)}
    of_post: dict[int, list[tuple[str, str]]] = {}
    for post_id, kind, value in links:
        if (kind, value) in inner:
            of_post.setdefault(post_id, []).append((kind, value))
    shown = post_ids[:MAX_POSTS]
    shown.sort(key=lambda p: sum(index[k] for k in of_post.get(p, [])) / max(
        len(of_post.get(p, [])), 1))
    outer = dict(zip(shown, _ring(len(shown), SIZE * 0.42), strict=True))
    nodes = [Node(f"i{i}", "identifier", value, x, y)
             for i, ((_, value), (x, y)) in enumerate(inner.items())]
    nodes += [Node(f"p{post_id}", "post", f"#{post_id}", x, y, post_id)
              for post_id, (x, y) in outer.items()]
    edges = [Edge(*outer[post_id], *inner[key])
             for post_id in shown for key in of_post.get(post_id, [])]
    return Network(nodes, edges, hidden_posts=len(post_ids) - len(shown))
