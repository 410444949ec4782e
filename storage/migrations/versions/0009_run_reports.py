"""runs: one row per `patrol crawl`/`import` (or Scrapyd job), holding its sources' crawl runs,
with errors by kind, bytes, seconds and field coverage per source

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'runs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('host', sa.String(length=200), nullable=True),
        sa.Column('pid', sa.Integer(), nullable=True),
        sa.Column('checks', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_runs_started_at', 'runs', ['started_at'])
    if op.get_bind().dialect.name == 'sqlite':
        # In place, as in 0005: nullable columns (or with defaults) need no table copy.
        op.execute('ALTER TABLE crawl_runs ADD COLUMN run_id INTEGER REFERENCES runs (id)')
    else:
        op.add_column('crawl_runs', sa.Column('run_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_crawl_runs_run_id', 'crawl_runs', 'runs', ['run_id'], ['id'])
    op.add_column('crawl_runs', sa.Column('errors_by_kind', sa.JSON(), nullable=False,
                                          server_default='{}'))
    op.add_column('crawl_runs', sa.Column('bytes', sa.BigInteger(), nullable=False,
                                          server_default='0'))
    op.add_column('crawl_runs', sa.Column('seconds', sa.Float(), nullable=True))
    op.add_column('crawl_runs', sa.Column('coverage', sa.JSON(), nullable=False,
                                          server_default='{}'))
    op.create_index('ix_crawl_runs_run_id', 'crawl_runs', ['run_id'])


def downgrade() -> None:
    op.drop_index('ix_crawl_runs_run_id', 'crawl_runs')
    for column in ('coverage', 'seconds', 'bytes', 'errors_by_kind'):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE crawl_runs DROP COLUMN {column}')
        else:
            op.drop_column('crawl_runs', column)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE crawl_runs DROP COLUMN run_id')
    else:
        op.drop_constraint('fk_crawl_runs_run_id', 'crawl_runs', type_='foreignkey')
        op.drop_column('crawl_runs', 'run_id')
    op.drop_index('ix_runs_started_at', 'runs')
    op.drop_table('runs')
