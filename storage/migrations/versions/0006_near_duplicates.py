"""near-duplicate groups: MinHash signatures, LSH buckets, and each version's group

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 12:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('post_versions', sa.Column('group_id', sa.Integer(), nullable=True))
    op.create_index('ix_post_versions_group_id', 'post_versions', ['group_id'])
    op.create_table(
        'signatures',
        sa.Column('post_version_id', sa.Integer(), nullable=False),
        sa.Column('minhash', sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(['post_version_id'], ['post_versions.id']),
        sa.PrimaryKeyConstraint('post_version_id'),
    )
    op.create_table(
        'lsh_buckets',
        sa.Column('post_version_id', sa.Integer(), nullable=False),
        sa.Column('band', sa.Integer(), nullable=False),
        sa.Column('bucket', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(['post_version_id'], ['post_versions.id']),
        sa.PrimaryKeyConstraint('post_version_id', 'band'),
    )
    op.create_index('ix_lsh_buckets_bucket', 'lsh_buckets', ['bucket'])


def downgrade() -> None:
    op.drop_index('ix_lsh_buckets_bucket', 'lsh_buckets')
    op.drop_table('lsh_buckets')
    op.drop_table('signatures')
    op.drop_index('ix_post_versions_group_id', 'post_versions')
    op.drop_column('post_versions', 'group_id')
