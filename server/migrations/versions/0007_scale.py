"""Login throttles in the database, so several server processes share them; photos uploaded
on their own, resumably, before the sync that names them.

Revision ID: 0007_scale
Revises: 0006_dinas
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_scale"
down_revision = "0006_dinas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_failure",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_at", sa.Float, nullable=False),
    )
    op.create_table(
        "photo_upload",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("business_id", sa.String(36), sa.ForeignKey("business.id"), nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("received", sa.Integer, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("photo_upload")
    op.drop_table("login_failure")
