"""topic terms and plan marks

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 23:32:51.732700

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('plan_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('topic_key', sa.String(length=100), nullable=False),
    sa.Column('section_key', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision_key', sa.String(length=100), nullable=True),
    sa.Column('addressed_section', sa.String(length=200), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('marked_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('topic_key', 'section_key')
    )
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('terms', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('patterns', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column('hint_sections', sa.JSON(), nullable=False, server_default=sa.text("'[]'")))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.drop_column('hint_sections')
        batch_op.drop_column('patterns')
        batch_op.drop_column('terms')

    op.drop_table('plan_mark')
