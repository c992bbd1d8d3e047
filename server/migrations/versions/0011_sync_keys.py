"""Leaner keys for the two tables every sync writes (issue 17: PostgreSQL CPU per sync).

- `change_log`: the primary key becomes (business_id, seq), replacing the unique constraint
  on the same columns; the surrogate serial `id` (never read: pulls go by business and seq)
  and the foreign key to `business` go.
- `entity`: the primary key becomes (entity_id, entity), entity_id first, so its index also
  serves the lookups by id alone that every push makes (server/sync_db.py, `known`); the
  index `ix_entity_entity_id` (0002) that did that job goes, and so does the foreign key to
  `business`. The index on business_id stays.

Why: on PostgreSQL every inserted change_log or entity row fired the foreign key's RI trigger,
which looked the business row up and share-locked it (some 200 rows per daily sync), for a
row the push already holds FOR UPDATE. Each extra index (the serial id's, the redundant
entity_id one) was one more btree insert and its WAL per row. With them gone PostgreSQL's
CPU per daily sync (100 entries + 3 price edits, tests/bench/sync_cpu.py) fell from 6.0 to
3.5 ms (medians of six alternating runs), and the database grows 125 KB per sync, not 136.

What keeps the invariant (every row's business_id names an existing business) instead: the
business row is never deleted, and the only code that inserts these rows does so for a
business it has just locked and read: a push (server/merge.py, `store_changes`, after
`sync_db.head(..., lock=True)`) and the server's own changes (server/shop/changes.py,
`append_change`, after `lock_business`). The business_id comes from that row, never from
the request.

The constraint names are PostgreSQL's defaults, which 0001 left in place there; SQLite keeps
its constraints unnamed, so its table is rebuilt (batch mode) with the same names given to
the reflected constraints by `NAMES`.

Revision ID: 0011_sync_keys
Revises: 0010_order_lines
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_sync_keys"
down_revision = "0010_order_lines"
branch_labels = None
depends_on = None

# PostgreSQL's own names for unnamed constraints, given to SQLite's reflected ones too.
NAMES = {"pk": "%(table_name)s_pkey", "fk": "%(table_name)s_%(column_0_name)s_fkey",
         "uq": "%(table_name)s_%(column_0_N_name)s_key"}


def upgrade() -> None:
    with op.batch_alter_table("change_log", naming_convention=NAMES) as batch:
        batch.drop_constraint("change_log_business_id_fkey", type_="foreignkey")
        batch.drop_constraint("change_log_business_id_seq_key", type_="unique")
        batch.drop_column("id")  # and with it the old primary key
        batch.create_primary_key("change_log_pkey", ["business_id", "seq"])
    with op.batch_alter_table("entity", naming_convention=NAMES) as batch:
        batch.drop_constraint("entity_business_id_fkey", type_="foreignkey")
        batch.drop_constraint("entity_pkey", type_="primary")
        batch.create_primary_key("entity_pkey", ["entity_id", "entity"])
        batch.drop_index("ix_entity_entity_id")


def downgrade() -> None:
    with op.batch_alter_table("entity", naming_convention=NAMES) as batch:
        batch.create_index("ix_entity_entity_id", ["entity_id"])
        batch.drop_constraint("entity_pkey", type_="primary")
        batch.create_primary_key("entity_pkey", ["entity", "entity_id"])
        batch.create_foreign_key("entity_business_id_fkey", "business", ["business_id"], ["id"])
    # The serial id comes back, numbered in the order the rows arrived.
    with op.batch_alter_table("change_log", naming_convention=NAMES) as batch:
        batch.add_column(sa.Column("id", sa.Integer, nullable=True))
    op.execute("UPDATE change_log SET id = numbered.n FROM (SELECT business_id, seq, "
               "row_number() OVER (ORDER BY received_at, business_id, seq) AS n "
               "FROM change_log) AS numbered WHERE numbered.business_id = change_log.business_id "
               "AND numbered.seq = change_log.seq")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE SEQUENCE change_log_id_seq OWNED BY change_log.id")
        op.execute("SELECT setval('change_log_id_seq', max(id)) FROM change_log HAVING count(*) > 0")
        op.execute("ALTER TABLE change_log ALTER COLUMN id SET DEFAULT nextval('change_log_id_seq')")
    with op.batch_alter_table("change_log", naming_convention=NAMES) as batch:
        batch.alter_column("id", existing_type=sa.Integer, nullable=False)
        batch.drop_constraint("change_log_pkey", type_="primary")
        batch.create_primary_key("change_log_pkey", ["id"])
        batch.create_unique_constraint("change_log_business_id_seq_key", ["business_id", "seq"])
        batch.create_foreign_key("change_log_business_id_fkey", "business", ["business_id"],
                                 ["id"])
