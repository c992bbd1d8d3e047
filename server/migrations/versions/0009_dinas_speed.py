"""The Dinas pages fast at 5,000 businesses: each month row carries its business's running
totals (omzet, laba, months so far), so a period's sums are two index look-ups per business
instead of adding up every month; the businesses a sync changed are found by `updated_at`;
and the product page openings and the orders of a period
are found by day (the Dinas's mall statistics).

Revision ID: 0009_dinas_speed
Revises: 0008_mall_config
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_dinas_speed"
down_revision = "0008_mall_config"
branch_labels = None
depends_on = None

RUNNING = ("cum_omzet", "cum_laba", "seq")


def upgrade() -> None:
    with op.batch_alter_table("dinas_month") as batch:
        for name in RUNNING:
            batch.add_column(sa.Column(name, sa.BigInteger if name != "seq" else sa.Integer,
                                       nullable=False, server_default="0"))
    # The running totals of the rows already there (window functions: SQLite ≥ 3.25, PostgreSQL).
    op.execute(
        "UPDATE dinas_month SET cum_omzet = r.co, cum_laba = r.cl, seq = r.n FROM ("
        " SELECT business_id AS b, month AS m,"
        "  SUM(omzet) OVER w AS co, SUM(laba) OVER w AS cl, ROW_NUMBER() OVER w AS n"
        " FROM dinas_month WINDOW w AS (PARTITION BY business_id ORDER BY month)) AS r"
        " WHERE dinas_month.business_id = r.b AND dinas_month.month = r.m")
    op.create_index("ix_dinas_business_updated_at", "dinas_business", ["updated_at"])
    op.create_index("ix_product_view_day_day", "product_view_day", ["day"])
    op.create_index("ix_shop_order_created_at", "shop_order", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_shop_order_created_at", "shop_order")
    op.drop_index("ix_product_view_day_day", "product_view_day")
    op.drop_index("ix_dinas_business_updated_at", "dinas_business")
    with op.batch_alter_table("dinas_month") as batch:
        for name in RUNNING:
            batch.drop_column(name)
