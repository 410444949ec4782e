"""post_checks: each time `patrol recheck` looked whether a post is still online (online,
changed, gone or failed), with the page it saw

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 06:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'post_checks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), sa.ForeignKey('posts.id'), nullable=False),
        sa.Column('checked_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('outcome', sa.String(length=16), nullable=False),
        sa.Column('http_status', sa.Integer(), nullable=True),
        sa.Column('evidence_id', sa.Integer(), sa.ForeignKey('evidence.id'), nullable=True),
        sa.Column('run_id', sa.Integer(), sa.ForeignKey('runs.id'), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_post_checks_post_id_checked_at', 'post_checks',
                    ['post_id', 'checked_at'])


def downgrade() -> None:
    op.drop_index('ix_post_checks_post_id_checked_at', 'post_checks')
    op.drop_table('post_checks')
