"""The kabupaten's own mall: its name, logo, colour, contact and footer, set by the admin
(`lumbung-server config set`).

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
    op.create_table(
        "mall_setting",
        sa.Column("key", sa.String(20), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("mall_setting")
