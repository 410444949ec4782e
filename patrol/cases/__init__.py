"""Cases: near-duplicate groups, the identifiers that link posts into recruiters, the linking
run after each crawl, referrals to partners, and the register of licensed agencies."""
