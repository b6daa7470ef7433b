"""The floor: speakers' lists with server-kept timers; speaking times per meeting

Revision ID: 2f6a9d4c8e17
Revises: 5e8b2c7f1d93
Create Date: 2026-12-03 18:00:00

Each agenda item gets a list of speakers (đăng ký phát biểu) that can be closed; each meeting its
speaking time per kind of speaker (empty: the defaults). At most one person speaks in a meeting
at a time (a partial unique index).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '2f6a9d4c8e17'
down_revision: str | None = '5e8b2c7f1d93'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('speakers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('allotted_s', sa.Integer(), nullable=False),
    sa.Column('spoken_s', sa.Float(), nullable=False),
    sa.Column('started_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_started_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('interrupted_id', sa.Integer(), nullable=True),
    sa.Column('resumes_interrupted', sa.Boolean(), nullable=False),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('discussion', 'debate', 'question', 'answer', 'point_of_order')", name=op.f('ck_speakers_kind')),
    sa.CheckConstraint("state IN ('waiting', 'speaking', 'paused', 'done', 'withdrawn')", name=op.f('ck_speakers_state')),
    sa.ForeignKeyConstraint(['added_by'], ['users.id'], name=op.f('fk_speakers_added_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_speakers_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['interrupted_id'], ['speakers.id'], name=op.f('fk_speakers_interrupted_id_speakers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_speakers_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_speakers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_speakers'))
    )
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_speakers_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_speakers_user_id'), ['user_id'], unique=False)
        batch_op.create_index('uq_speakers_one_speaking', ['meeting_id'], unique=True, sqlite_where=sa.text("state = 'speaking'"), postgresql_where=sa.text("state = 'speaking'"))
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speaking_time_s', sa.Text(), nullable=True))
    op.execute("UPDATE meetings SET speaking_time_s = '{}'")
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.alter_column('speaking_time_s', existing_type=sa.Text(), nullable=False)
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('speakers_closed', sa.Boolean(), nullable=True))
    op.execute("UPDATE agenda_items SET speakers_closed = false")
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.alter_column('speakers_closed', existing_type=sa.Boolean(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_column('speakers_closed')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('speaking_time_s')
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.drop_index('uq_speakers_one_speaking', sqlite_where=sa.text("state = 'speaking'"), postgresql_where=sa.text("state = 'speaking'"))
        batch_op.drop_index(batch_op.f('ix_speakers_user_id'))
        batch_op.drop_index(batch_op.f('ix_speakers_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_speakers_agenda_item_id'))
    op.drop_table('speakers')
