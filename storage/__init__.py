"""Persistence: the tables (SQLAlchemy models), engine, sessions and migrations, and the queries
that read and write them. It imports no other package of the project but `settings_table` and
`package_files`."""
