"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 23:24:40.765258

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0001'
down_revision: Union[str, Sequence[str], None] = None
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('guideline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_table('submitter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('topic',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('label_ja', sa.String(length=200), nullable=False),
    sa.Column('label_en', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guideline_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('date', sa.String(length=20), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=True),
    sa.Column('partial', sa.Boolean(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('notes', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['guideline_id'], ['guideline.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['predecessor_id'], ['revision.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('guideline_id', 'key')
    )
    op.create_table('consultation_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('period_start', sa.String(length=10), nullable=True),
    sa.Column('period_end', sa.String(length=10), nullable=True),
    sa.Column('total_submissions', sa.Integer(), nullable=True),
    sa.Column('totals_by_kind', sa.JSON(), nullable=False),
    sa.Column('part_totals', sa.JSON(), nullable=False),
    sa.Column('named_submitters', sa.JSON(), nullable=False),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('source_file', sa.Text(), nullable=True),
    sa.Column('source_sha256', sa.String(length=64), nullable=True),
    sa.ForeignKeyConstraint(['revision_id'], ['revision.id'], ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_table('section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pages', sa.JSON(), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('body', sa.Text(), nullable=True),
    sa.Column('inferred', sa.Boolean(), nullable=False),
    sa.Column('source', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['section.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['revision_id'], ['revision.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('revision_id', 'key')
    )
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.create_index('ix_section_parent', ['parent_id'], unique=False)

    op.create_table('comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.String(length=10), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('submitter_id', sa.Integer(), nullable=True),
    sa.Column('location', sa.Text(), nullable=True),
    sa.Column('heading', sa.Text(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('proposal', sa.Text(), nullable=True),
    sa.Column('response', sa.Text(), nullable=True),
    sa.Column('response_html', sa.Text(), nullable=True),
    sa.Column('disposition', sa.String(length=20), nullable=False),
    sa.Column('dispositions', sa.JSON(), nullable=False),
    sa.Column('bulk', sa.Boolean(), nullable=False),
    sa.Column('represents', sa.Integer(), nullable=True),
    sa.Column('source_file', sa.Text(), nullable=True),
    sa.Column('source_line', sa.Integer(), nullable=True),
    sa.Column('source_page', sa.String(length=50), nullable=True),
    sa.ForeignKeyConstraint(['round_id'], ['consultation_round.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submitter_id'], ['submitter.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.create_index('ix_comment_round', ['round_id'], unique=False)

    op.create_table('section_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_section_id', sa.Integer(), nullable=False),
    sa.Column('to_section_id', sa.Integer(), nullable=True),
    sa.Column('proposed', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['from_section_id'], ['section.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_section_id'], ['section.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('section_link', schema=None) as batch_op:
        batch_op.create_index('ix_section_link_from', ['from_section_id'], unique=False)
        batch_op.create_index('ix_section_link_to', ['to_section_id'], unique=False)

    op.create_table('citation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('section_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('evidence', sa.String(length=20), nullable=False),
    sa.Column('confidence', sa.Float(), nullable=False),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['section_id'], ['section.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('citation', schema=None) as batch_op:
        batch_op.create_index('ix_citation_comment', ['comment_id'], unique=False)
        batch_op.create_index('ix_citation_section', ['section_id'], unique=False)

    op.create_table('comment_topic',
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('matched', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['comment_id'], ['comment.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topic.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('comment_id', 'topic_id')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('comment_topic')
    with op.batch_alter_table('citation', schema=None) as batch_op:
        batch_op.drop_index('ix_citation_section')
        batch_op.drop_index('ix_citation_comment')

    op.drop_table('citation')
    with op.batch_alter_table('section_link', schema=None) as batch_op:
        batch_op.drop_index('ix_section_link_to')
        batch_op.drop_index('ix_section_link_from')

    op.drop_table('section_link')
    with op.batch_alter_table('comment', schema=None) as batch_op:
        batch_op.drop_index('ix_comment_round')

    op.drop_table('comment')
    with op.batch_alter_table('section', schema=None) as batch_op:
        batch_op.drop_index('ix_section_parent')

    op.drop_table('section')
    op.drop_table('consultation_round')
    op.drop_table('revision')
    op.drop_table('topic')
    op.drop_table('submitter')
    op.drop_table('guideline')
