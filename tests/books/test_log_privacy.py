"""The log file is plain text on a shared PC: it says where an error happened, never the book
data its message carried (the books themselves are encrypted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.books.errors import traceback_for_log

MEMO, AMOUNT = "memo rahasia Bu Sari", "Rp1.250.000"


def _fail_with_book_data(memo: str, amount: str) -> None:
    # the source lines the log shows are code; the values come from the books
    try:
        raise KeyError(memo)
    except KeyError as exc:
        raise ValueError(f"{amount} untuk {memo}") from exc


def test_the_log_names_each_error_and_its_code_but_not_its_message() -> None:
    try:
        _fail_with_book_data(MEMO, AMOUNT)
    except ValueError as exc:
        text = traceback_for_log(exc)
    assert "Bu Sari" not in text and "1.250.000" not in text
    assert "builtins.KeyError" in text and "builtins.ValueError" in text
    assert text.index("builtins.KeyError") < text.index("builtins.ValueError")  # cause first
    assert "_fail_with_book_data" in text and "(message not logged)" in text


def test_the_command_line_logs_an_unexpected_error_without_its_message(tmp_path: Path) -> None:
    # an unexpected error inside a command: the message holds a memo the owner typed
    script = (
        "import sys\n"
        "from desktop.cli import main as cli\n"
        "def boom(*_a, **_k):\n"
        "    raise RuntimeError(sys.argv[2])\n"
        "cli.emit = boom\n"
        "sys.exit(cli.main(['--data-dir', sys.argv[1], 'business', 'list']))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path),
                           "memo rahasia Bu Sari"], capture_output=True,
                          text=True, check=False)
    log = tmp_path / "logs" / "lumbung.log"
    assert done.returncode != 0 and log.exists(), done.stderr
    text = log.read_text(encoding="utf-8")
    assert "builtins.RuntimeError" in text and "Bu Sari" not in text
