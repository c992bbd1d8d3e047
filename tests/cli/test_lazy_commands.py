"""`lumbung` loads only the module of the command it runs (desktop/cli/main.py COMMANDS), and
that table agrees with what each module registers."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

from desktop.cli import main


def _registered(module: str) -> set[str]:
    parser = main.Parser(prog="lumbung")
    sub = parser.add_subparsers(dest="command", parser_class=main.Parser)
    importlib.import_module(f"desktop.cli.{module}").register(sub, main.Parser(add_help=False))
    return set(sub.choices)


def test_the_table_names_every_command_of_every_module() -> None:
    for module in main.MODULES:
        assert _registered(module) == {c for c, m in main.COMMANDS.items() if m == module}


@pytest.mark.parametrize(("argv", "word"), [
    (["report", "posisi-keuangan"], "report"),
    (["--data-dir", "/x", "tx", "add"], "tx"),
    (["--data-dir=/x", "sync"], "sync"),
    (["--help"], None),
    ([], None),
])
def test_the_command_word_is_found_past_the_data_dir(argv: list[str], word: str | None) -> None:
    assert main.command_of(argv) == word


def test_a_report_loads_no_other_command_module() -> None:
    probe = ("import sys; from desktop.cli.main import main; "
             "main(['report', '--help'])")
    done = subprocess.run([sys.executable, "-c", probe + "\n"], capture_output=True, text=True)
    assert "posisi-keuangan" in done.stdout
    check = ("import sys\nfrom desktop.cli.main import build_parser\n"
             "build_parser(['report', 'posisi-keuangan'])\n"
             "print(sorted(m for m in sys.modules if m.startswith('desktop.cli.cmd_')))")
    loaded = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == "['desktop.cli.cmd_reports']"


def test_an_unknown_command_still_lists_every_command(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    assert main.main(["bukan-perintah"]) == main.EXIT_USAGE
    said = capsys.readouterr().err
    assert "bukan-perintah" in said and all(c in said for c in main.COMMANDS)
