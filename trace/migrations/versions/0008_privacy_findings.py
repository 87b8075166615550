"""privacy findings

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 17:20:00

Personal data found in an opinion's fields: kind, span, confidence and rule. Published
outputs mask each finding a person has not decided to keep; the text itself is never changed.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'privacy_finding',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('end', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('confidence', sa.Float(), nullable=False),
        sa.Column('rule', sa.String(length=40), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_privacy_comment', 'privacy_finding', ['comment_id'])


def downgrade() -> None:
    op.drop_index('ix_privacy_comment', table_name='privacy_finding')
    op.drop_table('privacy_finding')
