"""Schema v11 (issue 13): a sale or purchase of several lines, its channel, and item barcodes."""

from __future__ import annotations

from sqlite3 import Connection

V11 = """
-- One nota per multi-line sale or purchase: the channel it was sold through, the discount on
-- the whole nota and what the customer pays (or the supplier is paid).
CREATE TABLE nota (
    entry_seq INTEGER PRIMARY KEY REFERENCES entry(seq),
    channel TEXT CHECK (channel IN ('toko', 'mall', 'whatsapp', 'sosmed', 'shopee',
                                    'tokopedia', 'lainnya')),
    discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
    total INTEGER NOT NULL CHECK (total >= 0)
);
-- Its lines in the order typed: an item (or none, for a service), the name printed, the
-- quantity (thousandths), the unit price and line discount (sen) and the line's amount.
CREATE TABLE nota_line (
    entry_seq INTEGER NOT NULL REFERENCES nota(entry_seq),
    line_no INTEGER NOT NULL,
    item_id TEXT REFERENCES item(id),
    name TEXT NOT NULL,
    qty INTEGER NOT NULL CHECK (qty > 0),
    price INTEGER NOT NULL CHECK (price >= 0),
    discount INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),
    total INTEGER NOT NULL,
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID;
CREATE INDEX nota_channel ON nota(channel);
-- A code a scanner types at the kasir (EAN-13, Code128...); not unique across PCs that sync,
-- so a lookup that finds two items says so.
ALTER TABLE item ADD COLUMN barcode TEXT NOT NULL DEFAULT '';
CREATE INDEX item_barcode ON item(barcode) WHERE barcode != ''
"""


def apply_v11(conn: Connection) -> None:
    """Create the nota tables and the barcode column, statement by statement."""
    for statement in V11.split(";\n"):
        if statement.strip():
            conn.execute(statement)
