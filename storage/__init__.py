"""Storage: SQLAlchemy models, engine and migrations, and the operations on posts and the queue."""
