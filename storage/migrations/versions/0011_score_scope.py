"""scores say whether an offer is for work abroad (migrant) or trafficking inside Indonesia
(domestic); scores made before have none until the posts are re-scored

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 03:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('scores', sa.Column('scope', sa.String(20), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE scores DROP COLUMN scope')
    else:
        op.drop_column('scores', 'scope')
