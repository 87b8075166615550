"""store settings

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-27 17:00:00

Properties of the store as a whole, such as the topic lexicon in force: a load
without `--topics` uses the store's lexicon instead of silently dropping a user's.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'store_setting',
        sa.Column('key', sa.String(length=100), nullable=False),
        sa.Column('value', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key'),
    )


def downgrade() -> None:
    op.drop_table('store_setting')
