"""web sessions for the review app; claim bookkeeping; indexes for the dashboard and login throttling

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 08:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'web_sessions',
        sa.Column('token_hash', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('csrf_token', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('token_hash'),
    )
    op.create_index('ix_web_sessions_user_id', 'web_sessions', ['user_id'])
    op.create_index('ix_audit_log_action_at', 'audit_log', ['action', 'at'])
    with op.batch_alter_table('review_items') as batch_op:
        batch_op.add_column(sa.Column('previous_status', sa.String(length=20), nullable=True))
    op.create_index('ix_decisions_created_at', 'decisions', ['created_at'])


def downgrade() -> None:
    with op.batch_alter_table('review_items') as batch_op:
        batch_op.drop_column('previous_status')
    op.drop_index('ix_decisions_created_at', 'decisions')
    op.drop_index('ix_audit_log_action_at', 'audit_log')
    op.drop_index('ix_web_sessions_user_id', 'web_sessions')
    op.drop_table('web_sessions')
