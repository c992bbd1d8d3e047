"""The books schema, as an ordered list of migrations; version N is `PRAGMA user_version = N`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from sqlite3 import Connection

from desktop.books.store import schema_dinas
from desktop.books.store.schema_nota import apply_v11
from desktop.books.store.schema_opening_due import V13
from desktop.books.store.schema_order_lines import V14

V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

CREATE TABLE profile (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    type TEXT NOT NULL DEFAULT 'produksi' CHECK (type IN ('dagang', 'produksi', 'jasa')),
    address TEXT NOT NULL DEFAULT '',
    desa TEXT NOT NULL DEFAULT '',
    kecamatan TEXT NOT NULL DEFAULT '',
    kabupaten TEXT NOT NULL DEFAULT '',
    provinsi TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    nib TEXT NOT NULL DEFAULT '',
    npwp TEXT NOT NULL DEFAULT '',
    pirt TEXT NOT NULL DEFAULT '',
    taxpayer TEXT NOT NULL DEFAULT 'orang-pribadi'
        CHECK (taxpayer IN ('orang-pribadi', 'badan')),
    updated_at TEXT NOT NULL
);

CREATE TABLE pin (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hash TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    blocked_until REAL NOT NULL DEFAULT 0,
    changed_at TEXT NOT NULL
);

CREATE TABLE account (
    code TEXT PRIMARY KEY CHECK (length(code) = 4),
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    grp TEXT NOT NULL,
    normal TEXT NOT NULL CHECK (normal IN ('D', 'C')),
    cashflow TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    builtin INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE party (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'pelanggan' CHECK (kind IN ('pelanggan', 'pemasok', 'lainnya')),
    phone TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE entry (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    ref TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    party_id TEXT REFERENCES party(id),
    due_date TEXT,
    reverses_seq INTEGER UNIQUE REFERENCES entry(seq),
    reason TEXT,
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX entry_date ON entry(date);
CREATE INDEX entry_party ON entry(party_id) WHERE party_id IS NOT NULL;

CREATE TABLE line (
    entry_seq INTEGER NOT NULL REFERENCES entry(seq),
    line_no INTEGER NOT NULL,
    account TEXT NOT NULL REFERENCES account(code),
    date TEXT NOT NULL,
    debit INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
    memo TEXT NOT NULL DEFAULT '',
    party_id TEXT REFERENCES party(id),
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID;
CREATE INDEX line_account_date ON line(account, date, entry_seq);
CREATE INDEX line_party ON line(party_id, account) WHERE party_id IS NOT NULL;

-- Balances kept at posting time so reports never scan every line.
CREATE TABLE account_day (
    account TEXT NOT NULL,
    date TEXT NOT NULL,
    debit INTEGER NOT NULL,
    credit INTEGER NOT NULL,
    cum_debit INTEGER NOT NULL,
    cum_credit INTEGER NOT NULL,
    PRIMARY KEY (account, date)
) WITHOUT ROWID;

CREATE TABLE cashflow_day (
    date TEXT NOT NULL,
    category TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (date, category)
) WITHOUT ROWID;

CREATE TABLE ref_counter (
    prefix TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (prefix, year)
) WITHOUT ROWID;

CREATE TABLE item (
    id TEXT PRIMARY KEY,
    sku TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
    account TEXT NOT NULL DEFAULT '1301' REFERENCES account(code),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);

CREATE TABLE stock_move (
    entry_seq INTEGER NOT NULL REFERENCES entry(seq),
    move_no INTEGER NOT NULL,
    item_id TEXT NOT NULL REFERENCES item(id),
    date TEXT NOT NULL,
    qty INTEGER NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (entry_seq, move_no)
) WITHOUT ROWID;
CREATE INDEX stock_move_item ON stock_move(item_id, date, entry_seq);

-- Local cache derived from stock_move.
CREATE TABLE stock_balance (
    item_id TEXT PRIMARY KEY REFERENCES item(id),
    qty INTEGER NOT NULL DEFAULT 0,
    value INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE asset (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    account TEXT NOT NULL REFERENCES account(code),
    acquired TEXT NOT NULL,
    cost INTEGER NOT NULL CHECK (cost > 0),
    residual INTEGER NOT NULL DEFAULT 0 CHECK (residual >= 0),
    life_months INTEGER NOT NULL CHECK (life_months >= 0),
    opening_depreciation INTEGER NOT NULL DEFAULT 0,
    entry_seq INTEGER REFERENCES entry(seq),
    created_at TEXT NOT NULL
);

CREATE TABLE depreciation (
    entry_seq INTEGER NOT NULL REFERENCES entry(seq),
    asset_id TEXT NOT NULL REFERENCES asset(id),
    month TEXT NOT NULL,
    amount INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (entry_seq, asset_id)
) WITHOUT ROWID;
CREATE INDEX depreciation_asset ON depreciation(asset_id, month);

-- Transactional outbox: written in the same transaction as the change it describes.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY,
    change_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    op TEXT NOT NULL,
    data TEXT,
    created_at TEXT NOT NULL,
    acked_at TEXT
);
"""


@dataclass(frozen=True)
class Migration:
    """One schema step; `apply` runs inside the migration transaction."""

    version: int
    description: str
    apply: Callable[[Connection], None]


def _script(sql: str) -> Callable[[Connection], None]:
    # Statement by statement: executescript() would commit the migration transaction half-way.
    def run(conn: Connection) -> None:
        for statement in sql.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return run


V2 = """
-- The business's logo for the printed cover and nota (PNG, already resized).
ALTER TABLE profile ADD COLUMN logo BLOB
"""

V3 = """
-- Stock at or below this quantity (thousandths) shows as low on Beranda.
ALTER TABLE item ADD COLUMN min_qty INTEGER NOT NULL DEFAULT 0;
-- Halal (BPJPH) and SNI certificate numbers for the profile.
ALTER TABLE profile ADD COLUMN halal TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN sni TEXT NOT NULL DEFAULT ''
"""

V4 = """
-- The cash book filters by form or party and pages newest first within them.
CREATE INDEX entry_kind_date ON entry(kind, date);
CREATE INDEX entry_party_date ON entry(party_id, date) WHERE party_id IS NOT NULL;
DROP INDEX entry_party
"""

V5 = """
-- Sync: the hybrid logical clock of each change, and per field for last-writer-wins entities.
ALTER TABLE outbox ADD COLUMN hlc TEXT NOT NULL DEFAULT '';
-- Why the server refused a change (shown to the owner, never retried).
ALTER TABLE outbox ADD COLUMN rejected TEXT;
CREATE INDEX outbox_pending ON outbox(seq) WHERE acked_at IS NULL;
CREATE TABLE field_clock (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field TEXT NOT NULL,
    hlc TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID
"""

V6 = """
-- The shop: a listing on the kabupaten mall for a stock item; photos (JPEG, resized) are
-- kept once by their sha256 and placed on listings by position.
CREATE TABLE listing (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE REFERENCES item(id),
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL,
    price INTEGER NOT NULL CHECK (price > 0),
    promo_price INTEGER CHECK (promo_price > 0),
    promo_start TEXT,
    promo_end TEXT,
    weight_grams INTEGER NOT NULL DEFAULT 0 CHECK (weight_grams >= 0),
    return_policy TEXT NOT NULL DEFAULT '',
    certificates TEXT NOT NULL DEFAULT '[]',
    published INTEGER NOT NULL DEFAULT 0,
    curation TEXT NOT NULL DEFAULT 'draf',
    curation_reason TEXT NOT NULL DEFAULT '',
    views INTEGER NOT NULL DEFAULT 0,        -- from the mall after each sync (30 days)
    orders_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE photo (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE listing_photo (
    listing_id TEXT NOT NULL REFERENCES listing(id),
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 4),
    sha256 TEXT NOT NULL REFERENCES photo(sha256),
    PRIMARY KEY (listing_id, position)
);
-- Orders buyers placed on the mall; they arrive by sync as 'baru'.
CREATE TABLE shop_order (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    listing_id TEXT,
    sku TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    qty INTEGER NOT NULL CHECK (qty > 0),
    unit_price INTEGER NOT NULL,
    total INTEGER NOT NULL,
    buyer_name TEXT NOT NULL,
    buyer_phone TEXT NOT NULL,
    address TEXT NOT NULL,
    payment_method TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'baru',
    paid INTEGER NOT NULL DEFAULT 0,
    reason TEXT NOT NULL DEFAULT '',
    courier TEXT NOT NULL DEFAULT '',
    resi TEXT NOT NULL DEFAULT '',
    sale_ref TEXT,
    payment_ref TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX shop_order_status ON shop_order(status, created_at);
-- The sync indicator re-reads the mall's refusals after every write: keep that a probe.
CREATE INDEX outbox_rejected ON outbox(seq) WHERE rejected IS NOT NULL
"""

V7 = """
-- How a buyer on the mall pays this business (shown on the order form and confirmation).
ALTER TABLE profile ADD COLUMN payment_transfer TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN payment_qris TEXT NOT NULL DEFAULT '';
ALTER TABLE profile ADD COLUMN payment_cod TEXT NOT NULL DEFAULT '';
-- Buyers' public questions on a listing; they arrive by sync and the owner answers them.
CREATE TABLE shop_question (
    id TEXT PRIMARY KEY,
    listing_id TEXT NOT NULL,
    name TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    asked_at TEXT NOT NULL,
    answered_at TEXT
);
CREATE INDEX shop_question_open ON shop_question(answered_at, asked_at)
"""

V8 = """
-- Stock costed in date order (desktop/books/costing.py). Local, derived from stock_move:
-- each movement's costed value and the item's balance after it, in (date, entry id) order.
CREATE TABLE stock_cost (
    item_id TEXT NOT NULL,
    date TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    move_no INTEGER NOT NULL,
    entry_seq INTEGER NOT NULL,
    qty INTEGER NOT NULL,
    base INTEGER NOT NULL,
    value INTEGER NOT NULL,
    bal_qty INTEGER NOT NULL,
    bal_value INTEGER NOT NULL,
    last_qty INTEGER NOT NULL,
    last_value INTEGER NOT NULL,
    PRIMARY KEY (item_id, date, entry_id, move_no)
) WITHOUT ROWID;
CREATE INDEX stock_cost_entry ON stock_cost(entry_seq, move_no);
-- Penyesuaian HPP already booked per item and movement date (local, like the entries).
CREATE TABLE stock_adjust (
    item_id TEXT NOT NULL,
    date TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (item_id, date)
) WITHOUT ROWID
"""


def _v8(conn: Connection) -> None:
    """Create the costing tables and take the movements posted so far at their posted values.

    Books from before version 8 keep their figures; the first back-dated change re-costs an
    item from its date onward.
    """
    _script(V8)(conn)
    rows = conn.execute(
        "SELECT m.item_id, m.date, e.id, m.move_no, m.entry_seq, m.qty, m.value "
        "FROM stock_move m JOIN entry e ON e.seq = m.entry_seq "
        "ORDER BY m.item_id, m.date, e.id, m.move_no").fetchall()
    state: dict[str, tuple[int, int, int, int]] = {}
    out = []
    for item, day, entry_id, move_no, seq, qty, value in rows:
        q, v, lq, lv = state.get(item, (0, 0, 0, 0))
        q, v = q + qty, v + value
        lq, lv = (q, v) if q > 0 else (lq, lv)
        state[item] = (q, v, lq, lv)
        out.append((item, day, entry_id, move_no, seq, qty, value, value, q, v, lq, lv))
    conn.executemany("INSERT INTO stock_cost VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", out)


V9 = """
-- Issue 12: an asset sold or scrapped (pelepasan-aset) leaves the register through the entry
-- that recorded it; cancelling that entry brings the asset back.
CREATE TABLE asset_disposal (
    entry_seq INTEGER PRIMARY KEY REFERENCES entry(seq),
    asset_id TEXT NOT NULL REFERENCES asset(id)
);
CREATE INDEX asset_disposal_asset ON asset_disposal(asset_id)
"""


def _v9(conn: Connection) -> None:
    # Imported here: accounts imports nothing from the store, but keep the schema module light.
    from desktop.books.accounts import install_missing_builtins

    _script(V9)(conn)
    install_missing_builtins(conn)


V10 = """
-- Pulled changes these books could not take (sync_client/apply.py): kept whole with the
-- reason, shown by name, so one bad row never blocks the business's sync or restore.
CREATE TABLE pulled_aside (
    change_id TEXT PRIMARY KEY,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    name TEXT NOT NULL,
    reason TEXT NOT NULL,
    change TEXT NOT NULL,
    set_aside_at TEXT NOT NULL
) WITHOUT ROWID
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "skema awal buku", _script(V1)),
    Migration(2, "logo usaha", _script(V2)),
    Migration(3, "stok minimum, sertifikat halal dan SNI", _script(V3)),
    Migration(4, "indeks buku kas per jenis dan pihak", _script(V4)),
    Migration(5, "jam logis dan status kirim untuk sinkronisasi", _script(V5)),
    Migration(6, "produk toko online dan fotonya", _script(V6)),
    Migration(7, "cara bayar dan pertanyaan pembeli", _script(V7)),
    Migration(8, "harga pokok persediaan menurut tanggal", _v8),
    Migration(9, "pelepasan aset, uang muka, laba/rugi pelepasan aset", _v9),
    Migration(10, "perubahan dari Mall yang disisihkan", _script(V10)),
    Migration(11, "nota banyak baris, saluran penjualan, barcode barang", apply_v11),
    Migration(12, "persetujuan dan profil untuk Dinas", _script(schema_dinas.V12)),
    Migration(13, "jatuh tempo saldo awal per pihak", _script(V13)),
    Migration(14, "pesanan Mall berisi beberapa produk", _script(V14)),
)

LATEST_VERSION = MIGRATIONS[-1].version
