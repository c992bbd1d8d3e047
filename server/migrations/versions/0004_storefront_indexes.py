"""Indexes for the storefront's list pages, so they read a page of products, not the table.

- `ix_product_shown_recent` (curation, approved_at DESC, id): "Produk baru" on the home page
  and "Semua produk", newest first, stop after a page.
- `ix_product_shown_category` (curation, category, approved_at DESC, id): a category page and
  its count.
- `ix_product_shown_place` (curation, kecamatan, desa): the list of places on every list page.
- `ix_product_promo_end` (promo_end, id): "Promo hari ini", soonest-ending first.
- On PostgreSQL the first three also carry `published`, so a count or the places list is
  answered from the index alone.
- On PostgreSQL, a trigram index on `search_text` (pg_trgm, a trusted extension since
  PostgreSQL 13) for the search page's `LIKE '%word%'`. Where the extension cannot be created
  (not installed, or the server's role may not), the index is skipped and search scans the
  table as before; the rest of the migration still applies.

Without them each of these pages scanned all 10,000 products (10-30 ms a query on PostgreSQL).

Revision ID: 0004
Revises: 0003
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    shown: dict[str, Any] = {"postgresql_include": ["published"]}
    op.create_index("ix_product_shown_recent", "product",
                    ["curation", sa.text("approved_at DESC"), "id"], **shown)
    op.create_index("ix_product_shown_category", "product",
                    ["curation", "category", sa.text("approved_at DESC"), "id"], **shown)
    op.create_index("ix_product_shown_place", "product", ["curation", "kecamatan", "desa"],
                    **shown)
    op.create_index("ix_product_promo_end", "product", ["promo_end", "id"])
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    savepoint = bind.begin_nested()  # a refused CREATE EXTENSION must not undo the rest
    try:
        bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        bind.execute(sa.text("CREATE INDEX ix_product_search_trgm ON product "
                             "USING gin (search_text gin_trgm_ops)"))
    except sa.exc.DBAPIError:
        savepoint.rollback()
    else:
        savepoint.commit()


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_product_search_trgm")
    for name in ("ix_product_promo_end", "ix_product_shown_place", "ix_product_shown_category",
                 "ix_product_shown_recent"):
        op.drop_index(name, table_name="product")
