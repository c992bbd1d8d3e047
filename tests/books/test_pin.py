"""The PIN: a scrypt hash, growing delays after wrong tries, a 5-minute lock, and changing it."""

from __future__ import annotations

import base64
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from desktop.books.business import create_business, list_businesses, open_business
from desktop.books.errors import AuthError, InputError
from desktop.books.store import keyfile
from desktop.books.store.registry import BusinessRef
from desktop.books.unlock import change_pin
from tests.books.conftest import PIN

WRONG = "1357"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_750_000_000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ref(data_dir: Path) -> BusinessRef:
    return create_business(data_dir, name="Kopi Kintamani", pin=PIN)


def stored_key_file(ref: BusinessRef) -> dict[str, Any]:
    return dict(json.loads(keyfile.keyfile_path(ref.file).read_text()))


def refused(data_dir: Path, ref: BusinessRef, pin: str | None, clock: FakeClock) -> str:
    """Open with this PIN, expect AuthError (exit code 3), return its message."""
    with pytest.raises(AuthError) as caught:
        open_business(data_dir, ref.id, pin, clock=clock)
    assert caught.value.exit_code == 3
    return caught.value.message()


def opens(data_dir: Path, ref: BusinessRef, pin: str, clock: FakeClock) -> None:
    open_business(data_dir, ref.id, pin, clock=clock).close()


def wait_of(message: str) -> int:
    """The seconds a refusal asks the user to wait."""
    found = re.search(r"(\d+) detik", message)
    assert found, message
    return int(found.group(1))


def test_pin_only_wraps_the_key_with_scrypt(data_dir: Path, ref: BusinessRef) -> None:
    """The key file holds a scrypt salt and a wrapped key, never the PIN; salts differ per file."""
    stored = stored_key_file(ref)
    slot = stored["pin"]
    assert slot["kdf"] == "scrypt" and (slot["r"], slot["p"]) == (8, 1)
    assert len(base64.b64decode(slot["salt"])) >= 16
    assert PIN not in json.dumps(stored)
    assert keyfile.keyfile_path(ref.file).stat().st_mode & 0o777 == 0o600
    found = keyfile.load(keyfile.keyfile_path(ref.file))
    assert keyfile.unwrap(found.pin, PIN, aad=found.aad("pin")) is not None
    assert keyfile.unwrap(found.pin, WRONG, aad=found.aad("pin")) is None
    twin = create_business(data_dir, name="Kopi Kintamani", pin=PIN)
    assert stored_key_file(twin)["pin"]["salt"] != slot["salt"]


def test_real_pin_cost_is_scrypt_2_17(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside the test suite a PIN costs scrypt N=2^17, r=8 (128 MiB); the code N=2^14."""
    monkeypatch.delenv("LUMBUNG_TEST_WEAK_KDF")
    made = keyfile.make_keyfile("b", keyfile.new_data_key(), pin=PIN,
                                recovery_code=keyfile.new_recovery_code())
    assert (made.pin.cost.n, made.pin.cost.r, made.pin.cost.p) == (2**17, 8, 1)
    assert made.recovery.cost.n == 2**14


def test_right_pin_opens(data_dir: Path, ref: BusinessRef, clock: FakeClock) -> None:
    """The right PIN opens the business by id and by slug."""
    book = open_business(data_dir, ref.slug, PIN, clock=clock)
    try:
        assert book.business.id == ref.id
    finally:
        book.close()
    opens(data_dir, ref, PIN, clock)


def test_wrong_pin_says_tries_left(data_dir: Path, ref: BusinessRef, clock: FakeClock) -> None:
    """Each wrong PIN says how many tries are left: 4, 3, 2, 1."""
    for left, delay in zip((4, 3, 2, 1), (1, 2, 4, 8), strict=True):
        message = refused(data_dir, ref, WRONG, clock)
        assert re.search(rf"\b{left} kali\b", message), message
        assert "PIN salah" in message
        clock.advance(delay)


@pytest.mark.parametrize("pin", [None, "", "2469", "24680"])
def test_missing_or_near_pin_is_wrong(data_dir: Path, ref: BusinessRef, clock: FakeClock,
                                      pin: str | None) -> None:
    """No PIN, or one digit off, counts as a wrong PIN."""
    assert "Sisa 4 kali" in refused(data_dir, ref, pin, clock)


def test_immediate_retry_must_wait(data_dir: Path, ref: BusinessRef, clock: FakeClock) -> None:
    """Right after a wrong PIN even the right PIN is refused with a wait, and not counted."""
    refused(data_dir, ref, WRONG, clock)
    message = refused(data_dir, ref, PIN, clock)
    assert "Tunggu" in message and wait_of(message) == 1
    clock.advance(0.5)
    assert wait_of(refused(data_dir, ref, WRONG, clock)) == 1
    clock.advance(0.5)
    assert "Sisa 3 kali" in refused(data_dir, ref, WRONG, clock)


def test_delays_grow_1_2_4_8(data_dir: Path, ref: BusinessRef, clock: FakeClock) -> None:
    """After the n-th wrong PIN the wait is 1, 2, 4, 8 seconds, exactly."""
    for delay in (1, 2, 4, 8):
        refused(data_dir, ref, WRONG, clock)
        assert wait_of(refused(data_dir, ref, PIN, clock)) == delay
        clock.advance(delay - 0.25)
        assert wait_of(refused(data_dir, ref, PIN, clock)) == 1
        clock.advance(0.25)
    opens(data_dir, ref, PIN, clock)


def fail_five_times(data_dir: Path, ref: BusinessRef, clock: FakeClock) -> str:
    message = ""
    for delay in (1, 2, 4, 8, 0):
        message = refused(data_dir, ref, WRONG, clock)
        clock.advance(delay)
    return message


def test_five_failures_lock_for_five_minutes(data_dir: Path, ref: BusinessRef,
                                             clock: FakeClock) -> None:
    """The fifth wrong PIN locks for 300 s, even against the right PIN."""
    message = fail_five_times(data_dir, ref, clock)
    assert "dikunci 5 menit" in message and "5 kali" in message
    start = clock.now
    for elapsed in (0, 1, 150, 299.5):
        clock.now = start + elapsed
        locked = refused(data_dir, ref, PIN, clock)
        assert "dikunci sementara" in locked
        assert wait_of(locked) == math.ceil(300 - elapsed)
    clock.now = start + 300
    opens(data_dir, ref, PIN, clock)
    assert "Sisa 4 kali" in refused(data_dir, ref, WRONG, clock)


def test_lock_is_kept_in_the_key_file(data_dir: Path, ref: BusinessRef,
                                      clock: FakeClock) -> None:
    """The lock is stored with the business, not in memory: the key file alone refuses."""
    fail_five_times(data_dir, ref, clock)
    path = keyfile.keyfile_path(ref.file)
    assert stored_key_file(ref)["failures"] == 5
    with pytest.raises(AuthError):
        keyfile.unlock_with_pin(path, PIN, clock=clock)
    clock.advance(300)
    assert len(keyfile.unlock_with_pin(path, PIN, clock=clock)) == 32
    assert stored_key_file(ref)["failures"] == 0


def test_change_pin_needs_old_pin(data_dir: Path, ref: BusinessRef, clock: FakeClock) -> None:
    """A wrong old PIN changes nothing; the right one makes the new PIN the only PIN."""
    book = open_business(data_dir, ref.id, PIN, clock=clock)
    try:
        with pytest.raises(AuthError):
            change_pin(book, old_pin=WRONG, new_pin="97531", clock=clock)
        clock.advance(1)
        with pytest.raises(InputError) as caught:
            change_pin(book, old_pin=PIN, new_pin="12", clock=clock)
        assert caught.value.field == "new-pin"
        change_pin(book, old_pin=PIN, new_pin="97531", clock=clock)
    finally:
        book.close()
    opens(data_dir, ref, "97531", clock)
    assert "Sisa 4 kali" in refused(data_dir, ref, PIN, clock)


def test_change_pin_clears_earlier_failures(data_dir: Path, ref: BusinessRef,
                                            clock: FakeClock) -> None:
    """After a change, the count of wrong tries starts again."""
    for delay in (1, 2):
        refused(data_dir, ref, WRONG, clock)
        clock.advance(delay)
    book = open_business(data_dir, ref.id, PIN, clock=clock)
    try:
        change_pin(book, old_pin=PIN, new_pin="86420", clock=clock)
    finally:
        book.close()
    assert "Sisa 4 kali" in refused(data_dir, ref, PIN, clock)


@pytest.mark.parametrize("pin", ["", "123", "1234567890123", "12a4", "12 34", " 1234",
                                 "1234 ", "1234\n", "-1234"])
def test_pin_format_enforced_at_create(data_dir: Path, pin: str) -> None:
    """4 to 12 digits 0-9; anything else is refused and leaves no business behind."""
    with pytest.raises(InputError) as caught:
        create_business(data_dir, name="Kopi Kintamani", pin=pin)
    assert caught.value.field == "pin"
    if pin.strip():
        assert pin.strip() not in caught.value.message()
    assert list_businesses(data_dir) == []
    assert not list(data_dir.glob("books/*.sqlite3*"))


@pytest.mark.parametrize("pin", ["1234", "0000", "123456789012"])
def test_pin_format_boundaries_accepted(data_dir: Path, pin: str) -> None:
    """Four and twelve digits, leading zeros included, are fine."""
    ref = create_business(data_dir, name="Kopi Kintamani", pin=pin)
    book = open_business(data_dir, ref.id, pin)
    book.close()
