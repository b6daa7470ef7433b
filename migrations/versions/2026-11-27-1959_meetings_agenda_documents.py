"""meetings agenda documents

Revision ID: 61108416196d
Revises: 713ae0913bd1
Create Date: 2026-11-27 19:59:16.571324
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '61108416196d'
down_revision: str | None = '713ae0913bd1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('location', sa.String(length=300), nullable=False),
    sa.Column('starts_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('updated_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('regular', 'thematic', 'extraordinary')", name=op.f('ck_meetings_kind')),
    sa.CheckConstraint("state IN ('draft', 'published', 'in_progress', 'closed')", name=op.f('ck_meetings_state')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_meetings_council_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_council_id'), ['council_id'], unique=False)

    op.create_table('meeting_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=64), nullable=False),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_events_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_events')),
    sa.UniqueConstraint('meeting_id', 'seq', name=op.f('uq_meeting_events_meeting_id_seq'))
    )
    with op.batch_alter_table('meeting_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_events_at'), ['at'], unique=False)

    op.create_table('meeting_guests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_guests_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_guests_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_guests')),
    sa.UniqueConstraint('meeting_id', 'user_id', name=op.f('uq_meeting_guests_meeting_id_user_id'))
    )
    with op.batch_alter_table('meeting_guests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_guests_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_guests_user_id'), ['user_id'], unique=False)

    op.create_table('sittings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_sittings_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sittings'))
    )
    with op.batch_alter_table('sittings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sittings_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('agenda_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('presenter', sa.String(length=200), nullable=False),
    sa.Column('sitting_id', sa.Integer(), nullable=True),
    sa.Column('duration_min', sa.Integer(), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('pending', 'current', 'done')", name=op.f('ck_agenda_items_state')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_items_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['agenda_items.id'], name=op.f('fk_agenda_items_parent_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sitting_id'], ['sittings.id'], name=op.f('fk_agenda_items_sitting_id_sittings'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_items_sitting_id'), ['sitting_id'], unique=False)
        batch_op.create_index('uq_agenda_items_one_current', ['meeting_id'], unique=True, sqlite_where=sa.text("state = 'current'"), postgresql_where=sa.text("state = 'current'"))

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('confidential', sa.Boolean(), nullable=False),
    sa.Column('current_version', sa.Integer(), nullable=False),
    sa.Column('updated_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('proposal', 'draft_resolution', 'review_report', 'report', 'resolution', 'minutes', 'other')", name=op.f('ck_documents_kind')),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_documents_agenda_item_id_agenda_items'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_documents_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('annotations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('rect', sa.String(length=200), nullable=True),
    sa.Column('updated_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_annotations_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_annotations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annotations'))
    )
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_annotations_document_id'), ['document_id'], unique=False)
        batch_op.create_index('ix_annotations_user_id_document_id', ['user_id', 'document_id'], unique=False)

    op.create_table('document_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=True),
    sa.Column('pdf_title', sa.String(length=500), nullable=False),
    sa.Column('outline', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('pages_done', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=64), nullable=False),
    sa.Column('processed_at', app.kit.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('uploaded_by', sa.Integer(), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('processing', 'ready', 'failed')", name=op.f('ck_document_versions_status')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_versions_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['uploaded_by'], ['users.id'], name=op.f('fk_document_versions_uploaded_by_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_versions')),
    sa.UniqueConstraint('document_id', 'version', name=op.f('uq_document_versions_document_id_version'))
    )
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_versions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_versions_sha256'), ['sha256'], unique=False)

    op.create_table('document_pages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('folded', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['version_id'], ['document_versions.id'], name=op.f('fk_document_pages_version_id_document_versions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_pages')),
    sa.UniqueConstraint('version_id', 'page', name=op.f('uq_document_pages_version_id_page'))
    )
    with op.batch_alter_table('document_pages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_pages_version_id'), ['version_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('document_pages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_pages_version_id'))

    op.drop_table('document_pages')
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_versions_sha256'))
        batch_op.drop_index(batch_op.f('ix_document_versions_document_id'))

    op.drop_table('document_versions')
    with op.batch_alter_table('annotations', schema=None) as batch_op:
        batch_op.drop_index('ix_annotations_user_id_document_id')
        batch_op.drop_index(batch_op.f('ix_annotations_document_id'))

    op.drop_table('annotations')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_documents_agenda_item_id'))

    op.drop_table('documents')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index('uq_agenda_items_one_current', sqlite_where=sa.text("state = 'current'"), postgresql_where=sa.text("state = 'current'"))
        batch_op.drop_index(batch_op.f('ix_agenda_items_sitting_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_parent_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_items_meeting_id'))

    op.drop_table('agenda_items')
    with op.batch_alter_table('sittings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sittings_meeting_id'))

    op.drop_table('sittings')
    with op.batch_alter_table('meeting_guests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_guests_user_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_guests_meeting_id'))

    op.drop_table('meeting_guests')
    with op.batch_alter_table('meeting_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_events_at'))

    op.drop_table('meeting_events')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_council_id'))

    op.drop_table('meetings')
