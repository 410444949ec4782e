"""red-flag codes of each score in their own table, and indexes that keep the queue fast at
100,000 posts: oldest unreviewed item, and text search on PostgreSQL (pg_trgm)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:00:00
"""
import json

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

TRIGRAM_INDEX = 'ix_post_versions_text_trgm'


def upgrade() -> None:
    op.create_table(
        'score_flags',
        sa.Column('score_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=60), nullable=False),
        sa.ForeignKeyConstraint(['score_id'], ['scores.id']),
        sa.PrimaryKeyConstraint('score_id', 'code'),
    )
    op.create_index('ix_score_flags_code', 'score_flags', ['code'])
    _backfill_codes()
    op.create_index('ix_review_items_status_created_at', 'review_items',
                    ['status', 'created_at'])
    if op.get_bind().dialect.name == 'postgresql':
        _trigram_index()


def _backfill_codes() -> None:
    bind = op.get_bind()
    scores = sa.table('scores', sa.column('id', sa.Integer), sa.column('flags', sa.JSON))
    codes = sa.table('score_flags', sa.column('score_id', sa.Integer),
                     sa.column('code', sa.String))
    rows = []
    for score_id, flags in bind.execute(sa.select(scores.c.id, scores.c.flags)):
        if isinstance(flags, str):
            flags = json.loads(flags)
        rows += [{'score_id': score_id, 'code': code}
                 for code in dict.fromkeys(f['code'] for f in flags or [])]
        if len(rows) >= 5000:
            bind.execute(codes.insert(), rows)
            rows = []
    if rows:
        bind.execute(codes.insert(), rows)


def _trigram_index() -> None:
    """Text search in the queue is lower(text) LIKE '%...%'; a trigram index on lower(text)
    answers it without reading every text (ILIKE would read them all: the planner prices the
    index on text too high for phrases). Creating the extension needs a privileged role: without it the
    search still works, only slower, so the migration goes on.

    The extension lives in one schema per database (public, unless a DBA put it elsewhere), and
    its operator class is named with that schema, whatever this connection's search_path is."""
    bind = op.get_bind()
    savepoint = bind.begin_nested()
    try:
        bind.execute(sa.text('CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public'))
        schema = bind.execute(sa.text(
            "SELECT extnamespace::regnamespace::text FROM pg_extension "
            "WHERE extname = 'pg_trgm'")).scalar_one()
        bind.execute(sa.text(f'CREATE INDEX {TRIGRAM_INDEX} ON post_versions '
                             f'USING gin (lower(text) {schema}.gin_trgm_ops)'))
        savepoint.commit()
    except sa.exc.DBAPIError as exc:
        savepoint.rollback()
        print(f'note: no trigram index for text search ({exc.orig}); search still works')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(f'DROP INDEX IF EXISTS {TRIGRAM_INDEX}')
    op.drop_index('ix_review_items_status_created_at', 'review_items')
    op.drop_index('ix_score_flags_code', 'score_flags')
    op.drop_table('score_flags')
