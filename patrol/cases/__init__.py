"""Cases: near-duplicate groups, the identifiers that link posts into recruiters, and the
linking run after each crawl."""
