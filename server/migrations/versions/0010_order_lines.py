"""Mall cart: an order holds several products of one seller (`shop_order_line`). Every
existing order gets its one line, so stock holds and order pages read lines only.

Revision ID: 0010_order_lines
Revises: 0009_dinas_speed
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_order_lines"
down_revision = "0009_dinas_speed"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shop_order_line",
        sa.Column("order_id", sa.String(36), sa.ForeignKey("shop_order.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("product_id", sa.String(36), sa.ForeignKey("product.id"), nullable=False,
                  index=True),
        sa.Column("sku", sa.String(60), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("qty", sa.Integer, nullable=False),
        sa.Column("unit_price", sa.BigInteger, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
    )
    op.execute("INSERT INTO shop_order_line (order_id, position, product_id, sku, title, qty, "
               "unit_price, total) SELECT id, 1, product_id, sku, title, qty, unit_price, total "
               "FROM shop_order")


def downgrade() -> None:
    op.drop_table("shop_order_line")
