"""The Dinas view (issue 16): consented summaries and profiles, programs, OVOP, audit log.

Revision ID: 0006_dinas
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_dinas"
down_revision = "0005"
branch_labels = None
depends_on = None


def _business_fk() -> sa.ForeignKey:
    return sa.ForeignKey("business.id")


def upgrade() -> None:
    op.create_table(
        "dinas_business",
        sa.Column("business_id", sa.String(36), _business_fk(), primary_key=True),
        sa.Column("consent", sa.String(10), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("nib", sa.String(20), nullable=False),
        sa.Column("desa", sa.String(100), nullable=False),
        sa.Column("kecamatan", sa.String(100), nullable=False),
        sa.Column("category", sa.String(60), nullable=False),
        sa.Column("profile", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    money = [sa.Column(name, sa.BigInteger, nullable=False)
             for name in ("omzet", "hpp", "laba", "kas", "aset", "utang", "modal")]
    op.create_table(
        "dinas_month",
        sa.Column("business_id", sa.String(36), _business_fk(), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        *money,
        sa.Column("notas", sa.Integer, nullable=False),
        sa.Column("tenaga_kerja", sa.Integer, nullable=False),
        sa.Column("kelas", sa.String(10), nullable=False),
        sa.Column("tahap", sa.String(10), nullable=False),
        sa.Column("channels", sa.String(400), nullable=False),
    )
    op.create_index("ix_dinas_month_month", "dinas_month", ["month"])
    op.create_table(
        "dinas_program",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("start", sa.Date, nullable=False),
        sa.Column("end", sa.Date, nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "dinas_program_member",
        sa.Column("program_id", sa.String(36), sa.ForeignKey("dinas_program.id"),
                  primary_key=True),
        sa.Column("business_id", sa.String(36), _business_fk(), primary_key=True),
    )
    op.create_table(
        "dinas_ovop",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("desa", sa.String(100), nullable=False),
        sa.Column("product_id", sa.String(36), nullable=False),
        sa.Column("scores", sa.String(200), nullable=False),
        sa.Column("created_by", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_dinas_ovop_desa", "dinas_ovop", ["desa"])
    op.create_index("ix_dinas_ovop_product_id", "dinas_ovop", ["product_id"])
    op.create_table(
        "dinas_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("detail", sa.String(500), nullable=False),
    )
    op.create_index("ix_dinas_audit_at", "dinas_audit", ["at"])


def downgrade() -> None:
    for table in ("dinas_audit", "dinas_ovop", "dinas_program_member", "dinas_program",
                  "dinas_month", "dinas_business"):
        op.drop_table(table)
