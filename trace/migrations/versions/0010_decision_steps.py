"""decision steps

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 10:00:00

One edit can store several decisions (a workbook cell that changes a citation is
"uncite the machine's section" + "cite the new one"); they now share `step`, the id of
the first, so `review undo` and `review log` treat the edit as one. Decisions already
stored are grouped as one `decide` call wrote them: same opinion, reviewer, second and state.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FILL = """
UPDATE review_decision SET step = (
    SELECT MIN(d.id) FROM review_decision d
    WHERE d.round_key = review_decision.round_key AND d.comment_key = review_decision.comment_key
      AND d."by" = review_decision."by" AND d."at" = review_decision."at" AND d.state = review_decision.state)
"""


def upgrade() -> None:
    op.add_column('review_decision', sa.Column('step', sa.Integer(), nullable=True))
    op.create_index('ix_decision_step', 'review_decision', ['step'], unique=False)
    op.execute(FILL)


def downgrade() -> None:
    op.drop_index('ix_decision_step', table_name='review_decision')
    op.drop_column('review_decision', 'step')
