"""section tally

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 19:00:00

Each round's opinions counted by (cited sections, disposition, submitter kind), so the
sections report sums a few thousand rows instead of expanding every citation. Filled here
for the rounds already loaded; kept current by every write that changes citations or
dispositions.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

FILL = """
INSERT INTO section_tally (round_id, sections, disposition, submitter_kind, opinions, submissions)
SELECT m.round_id, COALESCE(s.ids, ''), m.disposition, COALESCE(sub.kind, 'unknown'), COUNT(*),
       SUM(COALESCE(m.represents, 1))
FROM comment m
LEFT JOIN (SELECT comment_id, {agg} AS ids
           FROM (SELECT DISTINCT comment_id, section_id FROM citation WHERE section_id IS NOT NULL) d
           GROUP BY comment_id) s ON s.comment_id = m.id
LEFT JOIN submitter sub ON sub.id = m.submitter_id
GROUP BY m.round_id, COALESCE(s.ids, ''), m.disposition, COALESCE(sub.kind, 'unknown')
"""


def upgrade() -> None:
    op.create_table(
        'section_tally',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('round_id', sa.Integer(), nullable=False),
        sa.Column('sections', sa.Text(), nullable=False),
        sa.Column('disposition', sa.String(length=40), nullable=False),
        sa.Column('submitter_kind', sa.String(length=40), nullable=False),
        sa.Column('opinions', sa.Integer(), nullable=False),
        sa.Column('submissions', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['round_id'], ['consultation_round.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_tally_round', 'section_tally', ['round_id'])
    postgres = op.get_bind().dialect.name == "postgresql"
    op.execute(FILL.format(agg="string_agg(CAST(section_id AS TEXT), ',')" if postgres
                           else "group_concat(section_id, ',')"))


def downgrade() -> None:
    op.drop_index('ix_tally_round', table_name='section_tally')
    op.drop_table('section_tally')
