"""One tab of Utang Piutang: balances and aging per party, and the selected party's open items."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.books.dates import format_short
from desktop.books.fmt import rupiah
from desktop.books.i18n import N_, current_lang, tr
from desktop.books.reports.aging import BUCKETS, NO_PARTY, PartyAging, Umur
from desktop.ui.pages.stock_table import (
    Column,
    Row,
    RowsModel,
    rows_view,
    select_key,
    selected_key,
)
from desktop.ui.widgets.common import muted, primary_button

BUCKET_TITLES = {
    "belum_jatuh_tempo": N_("Belum jatuh tempo"),
    "hari_1_30": N_("1–30 hari"),
    "hari_31_60": N_("31–60 hari"),
    "hari_61_90": N_("61–90 hari"),
    "lebih_90": N_("> 90 hari"),
}
BUCKET_KEYS = [key for key, _label, _limit in BUCKETS]
OVERPAID_COLUMN = 1 + len(BUCKET_KEYS)


def _money(sen: int) -> str:
    return rupiah(sen) if sen else ""


def _days(late: int) -> str:
    if late == 1:
        return tr("1 hari")
    return tr("{days} hari", days=late) if late else tr("belum")


def aging_rows(umur: Umur) -> list[Row]:
    """One row per party (total, buckets, overpayment) and a total row."""
    rows = []
    for party in umur.parties:
        sums = party.buckets(umur.as_of)
        figures = [sums[key] for key in BUCKET_KEYS] + [party.overpaid, party.total]
        rows.append(Row([party.party, *(_money(v) for v in figures)], [party.party, *figures],
                        key=party.party))
    totals = umur.totals()
    figures = [totals[key] for key in BUCKET_KEYS] + [totals["lebih_bayar"], totals["total"]]
    rows.append(Row([tr("Jumlah"), *(_money(v) for v in figures)], mark="total"))
    return rows


def open_item_rows(party: PartyAging, umur: Umur) -> list[Row]:
    """The party's unpaid invoices, oldest due first; overdue ones highlighted."""
    lang = current_lang()
    rows = []
    for item in party.items:
        late = max((umur.as_of - item.due).days, 0)
        rows.append(Row(
            [item.ref, format_short(item.date, lang), format_short(item.due, lang),
             rupiah(item.amount), rupiah(item.open),
             _days(late)],
            [item.ref, item.date, item.due, item.amount, item.open, late],
            key=item.ref, mark="low" if late else ""))
    return rows


class AgingTab(QWidget):
    """Piutang (what customers owe) or Utang (what the business owes suppliers)."""

    pay = Signal(object)     # PartyAging
    remind = Signal(object)  # PartyAging

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.umur: Umur | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(8)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("summary")
        layout.addWidget(self.summary)
        party_title = tr("Pelanggan") if kind == "piutang" else tr("Pemasok")
        self.model = RowsModel([Column(party_title),
                                *(Column(tr(BUCKET_TITLES[k]), True) for k in BUCKET_KEYS),
                                Column(tr("Lebih bayar"), True), Column(tr("Jumlah"), True)])
        self.table = rows_view(self.model, stretch=0)
        self.table.setObjectName(f"aging-{kind}")
        layout.addWidget(self.table, 3)
        bar = QHBoxLayout()
        self.items_title = muted("")
        self.items_title.setObjectName("items-title")
        bar.addWidget(self.items_title, 1)
        self.pay_button = primary_button(tr("Catat pembayaran"))
        self.pay_button.setObjectName("pay")
        bar.addWidget(self.pay_button)
        # A parent from birth: showing a parentless button opens it as its own window.
        self.remind_button = QPushButton(tr("Pengingat WhatsApp"), self)
        self.remind_button.setObjectName("remind")
        bar.addWidget(self.remind_button)
        layout.addLayout(bar)
        self.remind_button.setVisible(kind == "piutang")
        self.items_model = RowsModel([
            Column(tr("Ref")), Column(tr("Tanggal")), Column(tr("Jatuh tempo")),
            Column(tr("Jumlah tagihan"), True), Column(tr("Sisa"), True),
            Column(tr("Terlambat"), True)])
        self.items_table = rows_view(self.items_model, stretch=None)
        self.items_table.setObjectName(f"open-{kind}")
        layout.addWidget(self.items_table, 2)
        self.table.selectionModel().currentRowChanged.connect(self._party_changed)
        self.table.activated.connect(lambda _index: self._pay())
        self.pay_button.clicked.connect(self._pay)
        self.remind_button.clicked.connect(self._remind)
        self._party_changed()

    def show_umur(self, umur: Umur, select: str | None = None) -> None:
        """Show the aging; keep (or choose) the selected party."""
        keep = select or self.selected_name()
        self.umur = umur
        self.model.set_rows(aging_rows(umur))
        self.table.setColumnHidden(OVERPAID_COLUMN, not umur.totals()["lebih_bayar"])
        total = umur.totals()["total"]
        overdue = total - umur.totals()["belum_jatuh_tempo"]
        if not umur.parties:
            text = (tr("Tidak ada piutang yang belum lunas.") if self.kind == "piutang"
                    else tr("Tidak ada utang yang belum lunas."))
        elif self.kind == "piutang":
            text = tr("Per {date}: pelanggan masih berutang {total}; {overdue} sudah lewat "
                      "jatuh tempo.", date=format_short(umur.as_of, current_lang()),
                      total=rupiah(total), overdue=rupiah(overdue))
        else:
            text = tr("Per {date}: usaha masih berutang {total} kepada pemasok; {overdue} sudah "
                      "lewat jatuh tempo.", date=format_short(umur.as_of, current_lang()),
                      total=rupiah(total), overdue=rupiah(overdue))
        self.summary.setText(text)
        if not (keep and select_key(self.table, keep)) and umur.parties:
            select_key(self.table, umur.parties[0].party)
        self._party_changed()

    def selected_name(self) -> str | None:
        """The selected party's name (None for the total row or nothing)."""
        key = selected_key(self.table)
        return key if isinstance(key, str) else None

    def selected(self) -> PartyAging | None:
        """The selected party's aging."""
        name = self.selected_name()
        if self.umur is None or name is None:
            return None
        return next((p for p in self.umur.parties if p.party == name), None)

    def _party_changed(self, *_args: QModelIndex) -> None:
        party = self.selected()
        if party is None or self.umur is None:
            self.items_model.set_rows([])
            self.items_title.setText(tr("Pilih satu nama di atas untuk melihat tagihannya."))
        else:
            self.items_model.set_rows(open_item_rows(party, self.umur))
            self.items_title.setText(tr("Tagihan {name} yang belum lunas: {count}",
                                        name=party.party, count=len(party.items)))
        usable = party is not None and party.party != NO_PARTY and party.total > 0
        self.pay_button.setEnabled(usable)
        self.remind_button.setEnabled(usable and bool(party and party.items))

    def _pay(self) -> None:
        party = self.selected()
        if party is not None and self.pay_button.isEnabled():
            self.pay.emit(party)

    def _remind(self) -> None:
        party = self.selected()
        if party is not None and self.remind_button.isEnabled() and self.kind == "piutang":
            self.remind.emit(party)
