"""cluster spread

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 15:10:00

A cluster keeps the lowest similarity of a member to its representative, so a
reviewer sees which campaigns are loose.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.add_column(sa.Column('spread', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.drop_column('spread')
