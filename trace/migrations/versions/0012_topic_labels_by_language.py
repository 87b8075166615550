"""topic labels by language

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-12 10:00:00

A topic's labels were two columns, label_ja and label_en, so a third language meant a
migration. They become one JSON column keyed by language ({"ja": …, "en": …}); the data
moves across, and builders read it through trace.languages.label_for.
"""
import json
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('labels', sa.JSON(), nullable=True))
    connection = op.get_bind()
    topic = sa.table('topic', sa.column('id', sa.Integer()), sa.column('label_ja', sa.String()),
                     sa.column('label_en', sa.String()), sa.column('labels', sa.JSON()))
    for tid, ja, en in connection.execute(sa.select(topic.c.id, topic.c.label_ja, topic.c.label_en)).all():
        labels = {lang: text for lang, text in (("ja", ja), ("en", en)) if text}
        connection.execute(topic.update().where(topic.c.id == tid).values(labels=labels))
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.alter_column('labels', existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column('label_en')
        batch_op.drop_column('label_ja')


def downgrade() -> None:
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.add_column(sa.Column('label_ja', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('label_en', sa.String(length=200), nullable=True))
    connection = op.get_bind()
    topic = sa.table('topic', sa.column('id', sa.Integer()), sa.column('label_ja', sa.String()),
                     sa.column('label_en', sa.String()), sa.column('labels', sa.JSON()))
    for tid, labels in connection.execute(sa.select(topic.c.id, topic.c.labels)).all():
        labels = json.loads(labels) if isinstance(labels, str) else labels or {}
        ja = labels.get("ja") or labels.get("en") or ""
        connection.execute(topic.update().where(topic.c.id == tid).values(
            label_ja=ja[:200], label_en=(labels.get("en") or ja)[:200]))
    with op.batch_alter_table('topic', schema=None) as batch_op:
        batch_op.alter_column('label_ja', existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column('label_en', existing_type=sa.String(length=200), nullable=False)
        batch_op.drop_column('labels')
