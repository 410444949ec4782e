"""referrals to partners (police, platforms, agencies) with their history and evidence packet,
and the register of licensed placement companies (P3MI)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 06:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'partners',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('contact', sa.Text(), nullable=False),
        sa.Column('region', sa.String(length=200), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'referrals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference', sa.String(length=40), nullable=True),
        sa.Column('partner_id', sa.Integer(), nullable=False),
        sa.Column('subject_kind', sa.String(length=20), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.String(length=100), nullable=False),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('sent_by', sa.String(length=100), nullable=True),
        sa.Column('deadline', sa.DateTime(timezone=True), nullable=True),
        sa.Column('status_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('packet_name', sa.String(length=200), nullable=True),
        sa.Column('packet_sha256', sa.String(length=64), nullable=True),
        sa.Column('packet_zip', sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(['partner_id'], ['partners.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('reference'),
    )
    op.create_index('ix_referrals_status_deadline', 'referrals', ['status', 'deadline'])
    op.create_index('ix_referrals_partner_created', 'referrals', ['partner_id', 'created_at'])
    op.create_table(
        'referral_items',
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('review_item_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['referral_id'], ['referrals.id']),
        sa.ForeignKeyConstraint(['review_item_id'], ['review_items.id']),
        sa.PrimaryKeyConstraint('referral_id', 'review_item_id'),
    )
    op.create_index('ix_referral_items_review_item_id', 'referral_items', ['review_item_id'])
    op.create_table(
        'referral_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('referral_id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor', sa.String(length=100), nullable=False),
        sa.Column('from_status', sa.String(length=20), nullable=True),
        sa.Column('to_status', sa.String(length=20), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['referral_id'], ['referrals.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_referral_events_referral_id', 'referral_events', ['referral_id'])
    op.create_table(
        'licensed_agencies',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=300), nullable=False),
        sa.Column('key', sa.String(length=300), nullable=False),
        sa.Column('licence', sa.String(length=100), nullable=False),
        sa.Column('valid_until', sa.Date(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('licensed_agencies')
    op.drop_index('ix_referral_events_referral_id', 'referral_events')
    op.drop_table('referral_events')
    op.drop_index('ix_referral_items_review_item_id', 'referral_items')
    op.drop_table('referral_items')
    op.drop_index('ix_referrals_partner_created', 'referrals')
    op.drop_index('ix_referrals_status_deadline', 'referrals')
    op.drop_table('referrals')
    op.drop_table('partners')
