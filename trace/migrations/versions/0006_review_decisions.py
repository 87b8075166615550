"""review decisions

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27 16:30:00

A person's correction of a citation, a disposition or a topic tag is an override row
that outlives reloads; an opinion keeps the machine's values it displaced so that
`review undo` can restore them.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'review_decision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_key', sa.String(length=200), nullable=False),
        sa.Column('comment_id', sa.Integer(), nullable=True),
        sa.Column('comment_key', sa.String(length=300), nullable=False),
        sa.Column('label', sa.String(length=100), nullable=True),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('value', sa.String(length=300), nullable=True),
        sa.Column('before', sa.JSON(), nullable=False),
        sa.Column('after', sa.JSON(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('by', sa.String(length=200), nullable=False),
        sa.Column('at', sa.String(length=40), nullable=False),
        sa.Column('state', sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], name='fk_decision_comment', ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_decision_round', 'review_decision', ['round_key'])
    op.create_index('ix_decision_comment', 'review_decision', ['comment_id'])
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('machine', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('machine')
    op.drop_index('ix_decision_comment', table_name='review_decision')
    op.drop_index('ix_decision_round', table_name='review_decision')
    op.drop_table('review_decision')
