"""decisions applied to a whole near-duplicate group point at the item they were taken on

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 14:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # In place, as in 0005: a nullable column with a reference needs no table copy.
        op.execute('ALTER TABLE decisions ADD COLUMN applied_from INTEGER '
                   'REFERENCES review_items (id)')
    else:
        op.add_column('decisions', sa.Column('applied_from', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_decisions_applied_from', 'decisions', 'review_items',
                              ['applied_from'], ['id'])


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE decisions DROP COLUMN applied_from')
    else:
        op.drop_constraint('fk_decisions_applied_from', 'decisions', type_='foreignkey')
        op.drop_column('decisions', 'applied_from')
