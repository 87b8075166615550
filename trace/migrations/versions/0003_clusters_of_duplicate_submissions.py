"""clusters of duplicate submissions

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 23:53:46.882120

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('cluster',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('representative_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('threshold', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['representative_id'], ['comment.id'], name='fk_cluster_representative', ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['consultation_round.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.create_index('ix_cluster_round', ['round_id'], unique=False)

    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cluster_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_comment_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_foreign_key('fk_comment_cluster', 'cluster', ['cluster_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_constraint('fk_comment_cluster', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_comment_cluster_id'))
        batch_op.drop_column('cluster_id')

    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.drop_index('ix_cluster_round')

    op.drop_table('cluster')
