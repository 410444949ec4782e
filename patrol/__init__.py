"""The application: what the patrol does with crawled and scored posts, and the `patrol` command
line over it. The service layer is one package per kind of work (`queue`, `cases`,
`retraining`, `operations`); the CLI (`cli.py`, `commands/`) and the web app (`review/`) call
the same functions."""
