"""review items carry their version's near-duplicate group, so the queue folds groups without
joining every open item to its version

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 15:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('review_items', sa.Column('group_id', sa.Integer(), nullable=True))
    op.create_index('ix_review_items_group_id', 'review_items', ['group_id'])
    op.execute('UPDATE review_items SET group_id = (SELECT group_id FROM post_versions '
               'WHERE post_versions.id = review_items.post_version_id)')


def downgrade() -> None:
    op.drop_index('ix_review_items_group_id', 'review_items')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE review_items DROP COLUMN group_id')
    else:
        op.drop_column('review_items', 'group_id')
