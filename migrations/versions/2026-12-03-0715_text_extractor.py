"""text extractor of each version's page text

Revision ID: 5c1e7a9d2b40
Revises: 929e9e49ed6f
Create Date: 2026-12-03 07:15:00

Versions stored before this revision had their text from pypdf: they are marked so, and
`kyhop db upgrade` (app.documents.reextract) extracts them again with PDFium.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '5c1e7a9d2b40'
down_revision: str | None = '929e9e49ed6f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_extractor', sa.String(length=16),
                                      server_default='pdfium', nullable=False))
    op.execute("UPDATE document_versions SET text_extractor = 'pypdf'")


def downgrade() -> None:
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_column('text_extractor')
