"""evidence bodies can be purged by the retention policy; the row, its hash and when it was
purged stay

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 17:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('evidence', sa.Column('purged_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE evidence DROP COLUMN purged_at')
    else:
        op.drop_column('evidence', 'purged_at')
