"""opinion labels and round language

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 15:10:00

The printed number of an opinion (12, II-4, C-3) is kept as its label and used in
its stable id; a round records the language its document is written in, so that
reports use that language's labels by default.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label', sa.String(length=100), nullable=True))
    with op.batch_alter_table('consultation_round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lang', sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('consultation_round', schema=None) as batch_op:
        batch_op.drop_column('lang')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_column('label')
