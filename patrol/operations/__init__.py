"""The operator's side of the tool: the run lifecycle every crawl and import goes through
(lock, run, link, checks, notifications), however it was started."""
