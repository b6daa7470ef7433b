"""The council network after the 2025 reform: unit kinds, dissolution, successions, agencies

Revision ID: 4bd72e4a2517
Revises: 7d3f0b6c1a52
Create Date: 2026-12-03 13:29:52

Since 2025-07-01 there are two levels of local government (Law 72/2025/QH15). Existing district
councils are kept, readable, and marked dissolved on that day; every council gets a unit kind
(tỉnh / thành phố, xã / phường / đặc khu, or the former district). Agencies and the `respondent`
role arrive for questioning and petitions; attendance gains `online` (Art. 35(1)).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa
from alembic import op

import app.kit.types

revision: str = '4bd72e4a2517'
down_revision: str | None = '7d3f0b6c1a52'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DISTRICTS_ENDED = date(2025, 7, 1)
UNIT_KINDS = "unit_kind IN ('province', 'city', 'commune', 'ward', 'special_zone', 'district')"
DISTRICT_DISSOLVED = "level != 'district' OR dissolved_on IS NOT NULL"
ROLES_BEFORE = "role IN ('secretary', 'chair', 'deputy', 'guest')"
ROLES_NOW = "role IN ('secretary', 'chair', 'deputy', 'guest', 'respondent')"
STATUSES_BEFORE = "status IN ('present', 'absent', 'excused')"
STATUSES_NOW = "status IN ('present', 'online', 'absent', 'excused')"


def upgrade() -> None:
    op.create_table('agencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('people_committee', 'department', 'court', 'procuracy', 'other')", name=op.f('ck_agencies_kind')),
    sa.ForeignKeyConstraint(['council_id'], ['councils.id'], name=op.f('fk_agencies_council_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['parent_id'], ['agencies.id'], name=op.f('fk_agencies_parent_id_agencies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agencies')),
    sa.UniqueConstraint('council_id', 'name', name=op.f('uq_agencies_council_id_name'))
    )
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agencies_council_id'), ['council_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agencies_parent_id'), ['parent_id'], unique=False)

    op.create_table('council_successions',
    sa.Column('predecessor_id', sa.Integer(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', app.kit.types.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('predecessor_id != successor_id', name=op.f('ck_council_successions_distinct')),
    sa.ForeignKeyConstraint(['predecessor_id'], ['councils.id'], name=op.f('fk_council_successions_predecessor_id_councils'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['successor_id'], ['councils.id'], name=op.f('fk_council_successions_successor_id_councils'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('predecessor_id', 'successor_id', name=op.f('pk_council_successions'))
    )
    with op.batch_alter_table('council_successions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_successions_successor_id'), ['successor_id'], unique=False)

    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.add_column(sa.Column('unit_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('dissolved_on', sa.Date(), nullable=True))
    op.execute("UPDATE councils SET unit_kind = CASE level WHEN 'province' THEN 'province' "
               "WHEN 'commune' THEN 'commune' ELSE 'district' END")
    op.execute(sa.text("UPDATE councils SET dissolved_on = :day WHERE level = 'district'")
               .bindparams(day=DISTRICTS_ENDED))
    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.alter_column('unit_kind', existing_type=sa.String(length=16), nullable=False)
        batch_op.create_check_constraint('unit_kind', UNIT_KINDS)
        batch_op.create_check_constraint('district_dissolved', DISTRICT_DISSOLVED)

    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.add_column(sa.Column('agency_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('carried_from_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_memberships_agency_id'), ['agency_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_memberships_carried_from_id_memberships'), 'memberships', ['carried_from_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key(batch_op.f('fk_memberships_agency_id_agencies'), 'agencies', ['agency_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_constraint(op.f('ck_memberships_role'), type_='check')
        batch_op.create_check_constraint('role', ROLES_NOW)
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attendance_status'), type_='check')
        batch_op.create_check_constraint('status', STATUSES_NOW)



def downgrade() -> None:
    op.execute("UPDATE attendance SET status = 'present' WHERE status = 'online'")
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_attendance_status'), type_='check')
        batch_op.create_check_constraint('status', STATUSES_BEFORE)
    op.execute("UPDATE memberships SET role = 'guest' WHERE role = 'respondent'")
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_memberships_role'), type_='check')
        batch_op.create_check_constraint('role', ROLES_BEFORE)
        batch_op.drop_constraint(batch_op.f('fk_memberships_agency_id_agencies'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_memberships_carried_from_id_memberships'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_memberships_agency_id'))
        batch_op.drop_column('carried_from_id')
        batch_op.drop_column('agency_id')

    with op.batch_alter_table('councils', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_councils_district_dissolved'), type_='check')
        batch_op.drop_constraint(op.f('ck_councils_unit_kind'), type_='check')
        batch_op.drop_column('dissolved_on')
        batch_op.drop_column('unit_kind')

    with op.batch_alter_table('council_successions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_successions_successor_id'))

    op.drop_table('council_successions')
    with op.batch_alter_table('agencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agencies_parent_id'))
        batch_op.drop_index(batch_op.f('ix_agencies_council_id'))

    op.drop_table('agencies')
