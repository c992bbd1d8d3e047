"""The storefront: products and photos projected from listings, orders, questions, view counts.

Also widens `entity.entity_id` and `change_log.entity_id` to 64 characters on PostgreSQL: a
photo is named by its sha256 (64 hex digits). SQLite does not enforce VARCHAR lengths, so its
(possibly large) tables are not rebuilt for it.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in ("entity", "change_log"):
            op.alter_column(table, "entity_id", type_=sa.String(64),
                            existing_type=sa.String(36), existing_nullable=False)
    op.create_table(
        "product",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("business_id", sa.String(36), sa.ForeignKey("business.id"), nullable=False,
                  index=True),
        sa.Column("slug", sa.String(120), nullable=False, unique=True),
        sa.Column("sku", sa.String(60), nullable=False),
        sa.Column("item_id", sa.String(36), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("category", sa.String(30), nullable=False, index=True),
        sa.Column("price", sa.BigInteger, nullable=False),
        sa.Column("promo_price", sa.BigInteger),
        sa.Column("promo_start", sa.String(10)),
        sa.Column("promo_end", sa.String(10)),
        sa.Column("weight_grams", sa.Integer, nullable=False),
        sa.Column("return_policy", sa.Text, nullable=False),
        sa.Column("certificates", sa.String(200), nullable=False),
        sa.Column("photos", sa.Text, nullable=False),
        sa.Column("stock_qty", sa.Integer),
        sa.Column("published", sa.Boolean, nullable=False),
        sa.Column("curation", sa.String(10), nullable=False, index=True),
        sa.Column("curation_reason", sa.String(500), nullable=False),
        sa.Column("shown_hash", sa.String(64), nullable=False),
        sa.Column("seller", sa.String(200), nullable=False),
        sa.Column("desa", sa.String(120), nullable=False),
        sa.Column("kecamatan", sa.String(120), nullable=False, index=True),
        sa.Column("kabupaten", sa.String(120), nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("views", sa.Integer, nullable=False),
        sa.Column("orders", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "product_photo",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("business_id", sa.String(36), sa.ForeignKey("business.id"), nullable=False,
                  index=True),
        sa.Column("jpeg", sa.LargeBinary, nullable=False),
        sa.Column("width", sa.Integer, nullable=False),
        sa.Column("height", sa.Integer, nullable=False),
        sa.Column("thumb", sa.LargeBinary),
        sa.Column("mini", sa.LargeBinary),
    )
    op.create_table(
        "product_view_day",
        sa.Column("product_id", sa.String(36), sa.ForeignKey("product.id"), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("views", sa.Integer, nullable=False),
    )
    op.create_table(
        "shop_order",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("business_id", sa.String(36), sa.ForeignKey("business.id"), nullable=False,
                  index=True),
        sa.Column("product_id", sa.String(36), sa.ForeignKey("product.id"), nullable=False,
                  index=True),
        sa.Column("sku", sa.String(60), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("qty", sa.Integer, nullable=False),
        sa.Column("unit_price", sa.BigInteger, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
        sa.Column("buyer_name", sa.String(100), nullable=False),
        sa.Column("buyer_phone", sa.String(20), nullable=False, index=True),
        sa.Column("address", sa.String(500), nullable=False),
        sa.Column("payment_method", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("status_note", sa.String(500), nullable=False),
        sa.Column("paid", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "product_question",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("product_id", sa.String(36), sa.ForeignKey("product.id"), nullable=False,
                  index=True),
        sa.Column("business_id", sa.String(36), sa.ForeignKey("business.id"), nullable=False),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("question", sa.String(1000), nullable=False),
        sa.Column("answer", sa.String(2000), nullable=False),
        sa.Column("hidden", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "shop_setting",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    for table in ("shop_setting", "product_question", "shop_order", "product_view_day",
                  "product_photo", "product"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        for table in ("entity", "change_log"):
            op.alter_column(table, "entity_id", type_=sa.String(36),
                            existing_type=sa.String(64), existing_nullable=False)
