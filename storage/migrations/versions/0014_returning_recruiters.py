"""review_items.returning_from: the referral of a recruiter who posted again after a partner
acted on it or it was closed; such items are raised in the queue

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 06:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # In place, as in 0009: a nullable column needs no table copy.
        op.execute('ALTER TABLE review_items ADD COLUMN returning_from INTEGER '
                   'REFERENCES referrals (id)')
    else:
        op.add_column('review_items', sa.Column('returning_from', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_review_items_returning_from', 'review_items', 'referrals',
                              ['returning_from'], ['id'])


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE review_items DROP COLUMN returning_from')
    else:
        op.drop_constraint('fk_review_items_returning_from', 'review_items',
                           type_='foreignkey')
        op.drop_column('review_items', 'returning_from')
