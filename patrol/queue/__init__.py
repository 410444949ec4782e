"""The review workflow: which scored posts enter the queue (admission), the queue as reviewers
list it (listing), one holder per item (claims), append-only verdicts (decisions) with their
reasons, and everything one item's page shows (items). The CLI and the web app both call these.
"""
