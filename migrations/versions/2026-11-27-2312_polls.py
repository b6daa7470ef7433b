"""polls

Revision ID: 929e9e49ed6f
Revises: b9452daf90de
Create Date: 2026-11-27 23:12:42.790857
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '929e9e49ed6f'
down_revision: str | None = 'b9452daf90de'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('polls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('revote_of_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('preset', sa.String(length=16), nullable=False),
    sa.Column('secret', sa.Boolean(), nullable=False),
    sa.Column('basis', sa.String(length=16), nullable=False),
    sa.Column('threshold', sa.String(length=16), nullable=False),
    sa.Column('max_choices', sa.Integer(), nullable=False),
    sa.Column('require_presence', sa.Boolean(), nullable=False),
    sa.Column('allow_change', sa.Boolean(), nullable=False),
    sa.Column('duration_s', sa.Integer(), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('quorum_override', sa.Boolean(), nullable=False),
    sa.Column('opened_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closes_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('voted', sa.Integer(), nullable=False),
    sa.Column('eligible', sa.Integer(), nullable=False),
    sa.Column('announced_voted', sa.Integer(), nullable=False),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("basis IN ('seated', 'present', 'cast')", name=op.f('ck_polls_basis')),
    sa.CheckConstraint("preset IN ('resolution', 'confidence', 'election', 'custom')", name=op.f('ck_polls_preset')),
    sa.CheckConstraint("state IN ('draft', 'open', 'closed')", name=op.f('ck_polls_state')),
    sa.CheckConstraint("threshold IN ('majority', 'two_thirds')", name=op.f('ck_polls_threshold')),
    sa.CheckConstraint('NOT (secret AND allow_change)', name=op.f('ck_polls_secret_is_final')),
    sa.CheckConstraint('max_choices >= 1', name=op.f('ck_polls_max_choices')),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_polls_agenda_item_id_agenda_items')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_polls_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['revote_of_id'], ['polls.id'], name=op.f('fk_polls_revote_of_id_polls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_polls'))
    )
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_polls_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_polls_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_polls_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index('uq_polls_one_open', ['meeting_id'], unique=True, sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'"))

    op.create_table('poll_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_options_poll_id_polls'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_poll_options'))
    )
    with op.batch_alter_table('poll_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_poll_options_poll_id'), ['poll_id'], unique=False)

    op.create_table('poll_voters',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['poll_id'], ['polls.id'], name=op.f('fk_poll_voters_poll_id_polls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_poll_voters_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'user_id', name=op.f('pk_poll_voters')),
    sqlite_with_rowid=False
    )
    op.create_table('poll_choices',
    sa.Column('poll_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('option_id', sa.Integer(), nullable=False),
    sa.Column('at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['option_id'], ['poll_options.id'], name=op.f('fk_poll_choices_option_id_poll_options'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['poll_id', 'user_id'], ['poll_voters.poll_id', 'poll_voters.user_id'], name=op.f('fk_poll_choices_poll_id_poll_voters'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('poll_id', 'user_id', 'option_id', name=op.f('pk_poll_choices'))
    )


def downgrade() -> None:
    op.drop_table('poll_choices')
    op.drop_table('poll_voters')
    with op.batch_alter_table('poll_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_poll_options_poll_id'))

    op.drop_table('poll_options')
    with op.batch_alter_table('polls', schema=None) as batch_op:
        batch_op.drop_index('uq_polls_one_open', sqlite_where=sa.text("state = 'open'"), postgresql_where=sa.text("state = 'open'"))
        batch_op.drop_index(batch_op.f('ix_polls_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_polls_closes_at'))
        batch_op.drop_index(batch_op.f('ix_polls_agenda_item_id'))

    op.drop_table('polls')
