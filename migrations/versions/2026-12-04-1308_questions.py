"""Questioning (chất vấn): topics, questions, commitments; a speaker may be on a question; when a
meeting was closed

Revision ID: d5ac6a868d5d
Revises: 2f6a9d4c8e17
Create Date: 2026-12-04 13:08:55

A written answer is due a number of days after the meeting closed, so meetings remember when
that was (meetings closed before this revision: their last change).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = 'd5ac6a868d5d'
down_revision: str | None = '2f6a9d4c8e17'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('question_topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_question_topics_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_topics'))
    )
    with op.batch_alter_table('question_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_topics_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('question_topic_respondents',
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['topic_id'], ['question_topics.id'], name=op.f('fk_question_topic_respondents_topic_id_question_topics'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_question_topic_respondents_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('topic_id', 'user_id', name=op.f('pk_question_topic_respondents'))
    )
    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('asker_id', sa.Integer(), nullable=False),
    sa.Column('respondent_id', sa.Integer(), nullable=True),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('topic_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('asked_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answer_due', sa.Date(), nullable=True),
    sa.Column('answered_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_by', sa.Integer(), nullable=True),
    sa.Column('answered_on_floor', sa.Boolean(), nullable=False),
    sa.Column('answer_text', sa.Text(), nullable=False),
    sa.Column('answer_sha256', sa.String(length=64), nullable=True),
    sa.Column('answer_filename', sa.String(length=255), nullable=False),
    sa.Column('answer_size', sa.Integer(), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('submitted', 'accepted', 'written', 'rejected', 'asked', 'answered')", name=op.f('ck_questions_state')),
    sa.CheckConstraint('respondent_id IS NOT NULL OR agency_id IS NOT NULL', name=op.f('ck_questions_addressee')),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_questions_agency_id_agencies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['answered_by'], ['users.id'], name=op.f('fk_questions_answered_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['asker_id'], ['users.id'], name=op.f('fk_questions_asker_id_users'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_questions_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['respondent_id'], ['users.id'], name=op.f('fk_questions_respondent_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['topic_id'], ['question_topics.id'], name=op.f('fk_questions_topic_id_question_topics'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('meeting_id', 'number', name=op.f('uq_questions_meeting_id_number'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_asker_id'), ['asker_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_respondent_id'), ['respondent_id'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('done_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('open', 'done')", name=op.f('ck_commitments_state')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_commitments_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_commitments_created_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_commitments_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_commitments_council_id'), ['council_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_commitments_question_id'), ['question_id'], unique=False)

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('closed_at', app.kit.types.UTCDateTime(timezone=True), nullable=True))
    op.execute("UPDATE meetings SET closed_at = updated_at WHERE state = 'closed'")

    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_speakers_question_id'), ['question_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_speakers_question_id_questions'), 'questions', ['question_id'], ['id'], ondelete='SET NULL')



def downgrade() -> None:
    with op.batch_alter_table('speakers', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_speakers_question_id_questions'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_speakers_question_id'))
        batch_op.drop_column('question_id')

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('closed_at')

    with op.batch_alter_table('commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_commitments_question_id'))
        batch_op.drop_index(batch_op.f('ix_commitments_council_id'))

    op.drop_table('commitments')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_respondent_id'))
        batch_op.drop_index(batch_op.f('ix_questions_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_questions_asker_id'))
        batch_op.drop_index(batch_op.f('ix_questions_agency_id'))

    op.drop_table('questions')
    op.drop_table('question_topic_respondents')
    with op.batch_alter_table('question_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_topics_meeting_id'))

    op.drop_table('question_topics')
