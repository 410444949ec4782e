"""entities found in posts, and recruiters: posts linked by the identifiers they share

A database upgraded from 0004 holds posts without entity rows; `patrol recruiters rebuild`
fills them in from the stored scores once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'recruiters',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('merged_into', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['merged_into'], ['recruiters.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_table(
        'entities',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=200), nullable=False),
        sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
        sa.Column('recruiter_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['recruiter_id'], ['recruiters.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kind', 'value'),
    )
    op.create_index('ix_entities_recruiter_id', 'entities', ['recruiter_id'])
    op.create_table(
        'post_entities',
        sa.Column('post_version_id', sa.Integer(), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['entity_id'], ['entities.id']),
        sa.ForeignKeyConstraint(['post_version_id'], ['post_versions.id']),
        sa.PrimaryKeyConstraint('post_version_id', 'entity_id'),
    )
    op.create_index('ix_post_entities_entity_id', 'post_entities', ['entity_id'])
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite adds a column with its reference in place; batch mode would copy and drop
        # `posts`, which the foreign keys of every stored version forbid.
        op.execute('ALTER TABLE posts ADD COLUMN recruiter_id INTEGER REFERENCES recruiters (id)')
    else:
        op.add_column('posts', sa.Column('recruiter_id', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_posts_recruiter_id', 'posts', 'recruiters', ['recruiter_id'],
                              ['id'])
    op.create_index('ix_posts_recruiter_id', 'posts', ['recruiter_id'])


def downgrade() -> None:
    op.drop_index('ix_posts_recruiter_id', 'posts')
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('ALTER TABLE posts DROP COLUMN recruiter_id')
    else:
        op.drop_constraint('fk_posts_recruiter_id', 'posts', type_='foreignkey')
        op.drop_column('posts', 'recruiter_id')
    op.drop_index('ix_post_entities_entity_id', 'post_entities')
    op.drop_table('post_entities')
    op.drop_index('ix_entities_recruiter_id', 'entities')
    op.drop_table('entities')
    op.drop_table('recruiters')
