"""The counter's printer as Pengaturan keeps it: kind + address -> one target, and back."""

from __future__ import annotations

import pytest

from desktop.books.errors import InputError
from desktop.books.kasir import printer_kind, printer_target


@pytest.mark.parametrize(("kind", "address", "target"), [
    ("none", "ignored", ""),
    ("system", "", "system"),
    ("network", " 192.168.1.50:9100 ", "tcp://192.168.1.50:9100"),
    ("network", "tcp://10.0.0.7:9100", "tcp://10.0.0.7:9100"),
    ("device", "/dev/usb/lp0", "/dev/usb/lp0"),
    ("device", "COM3", "COM3"),
])
def test_each_kind_keeps_a_target_that_reads_back_as_that_kind(
        kind: str, address: str, target: str) -> None:
    assert printer_target(kind, address) == target
    assert printer_kind(target) == kind


def test_a_thermal_printer_needs_an_address() -> None:
    with pytest.raises(InputError, match="Isi alamat printer"):
        printer_target("network", "  ")
    with pytest.raises(InputError, match="Jenis printer 'bluetooth' tidak dikenal"):
        printer_target("bluetooth", "x")
