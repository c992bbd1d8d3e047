"""The kabupaten's own mall: its name, logo, colour, contact and footer, set by the admin
(`lumbung-server config set`); sellers who register themselves and wait for the Dinas to
check their NIB and activate them.

Revision ID: 0008_mall_config
Revises: 0007_scale
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_mall_config"
down_revision = "0007_scale"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("active", sa.Boolean, nullable=False,
                                   server_default=sa.true()))
    with op.batch_alter_table("business") as batch:
        batch.add_column(sa.Column("verified_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "seller_registration",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("business_id", sa.String(36), sa.ForeignKey("business.id"), nullable=False),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("app_user.id"), nullable=False),
        sa.Column("nib", sa.String(13), nullable=False),
        sa.Column("desa", sa.String(120), nullable=False),
        sa.Column("phone", sa.String(20), nullable=False),
        sa.Column("certificates", sa.String(300), nullable=False),
        sa.Column("status", sa.String(10), nullable=False, index=True),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("decided_by", sa.String(80), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "mall_setting",
        sa.Column("key", sa.String(20), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("mall_setting")
    op.drop_table("seller_registration")
    with op.batch_alter_table("business") as batch:
        batch.drop_column("verified_at")
    with op.batch_alter_table("app_user") as batch:
        batch.drop_column("active")
