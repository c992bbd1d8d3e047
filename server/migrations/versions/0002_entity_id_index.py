"""An index on entity.entity_id: every push looks its ids up without the entity kind.

The primary key is (entity, entity_id), which cannot serve `WHERE entity_id IN (...)`; without
this index each push scanned the whole entity table (every entry of every business).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_entity_entity_id", "entity", ["entity_id"])


def downgrade() -> None:
    op.drop_index("ix_entity_entity_id", table_name="entity")
