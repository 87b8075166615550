"""theme decisions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-10 10:00:00

A person's decisions on the themes `topics suggest` proposes (accept, rename, merge into
a topic, reject). They belong to the store as its lexicon does, not to one round's
opinions, so they get a table of their own: the lexicon in force is the user's text with
them applied, and a reload or retag finds them there.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: Union[str, Sequence[str], None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'theme_decision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('term', sa.String(length=300), nullable=False),
        sa.Column('folded', sa.String(length=300), nullable=False),
        sa.Column('variants', sa.JSON(), nullable=False),
        sa.Column('action', sa.String(length=10), nullable=False),
        sa.Column('topic_key', sa.String(length=100), nullable=True),
        sa.Column('label', sa.String(length=200), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('by', sa.String(length=200), nullable=False),
        sa.Column('at', sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_theme_term', 'theme_decision', ['folded'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_theme_term', table_name='theme_decision')
    op.drop_table('theme_decision')
