"""frozen evaluation slices of decided posts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'eval_slices',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('share', sa.Float(), nullable=False),
        sa.Column('seed', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'eval_slice_items',
        sa.Column('slice_id', sa.Integer(), nullable=False),
        sa.Column('content_hash', sa.String(length=64), nullable=False),
        sa.Column('post_version_id', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(['post_version_id'], ['post_versions.id']),
        sa.ForeignKeyConstraint(['slice_id'], ['eval_slices.id']),
        sa.PrimaryKeyConstraint('slice_id', 'content_hash'),
    )
    op.create_index('ix_eval_slice_items_content_hash', 'eval_slice_items', ['content_hash'])


def downgrade() -> None:
    op.drop_index('ix_eval_slice_items_content_hash', 'eval_slice_items')
    op.drop_table('eval_slice_items')
    op.drop_table('eval_slices')
