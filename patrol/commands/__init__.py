"""The `patrol` commands by user, each module registering its commands on the one Typer app in
`patrol/cli.py`."""
