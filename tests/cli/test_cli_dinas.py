"""`lumbung consent` and the Dinas profile options of `business edit` (issue 16)."""

from __future__ import annotations

import json

from tests.cli.test_cli import Cli, biz, cli  # noqa: F401 - fixtures


def test_consent_starts_at_none_and_is_set_by_the_owner(cli: Cli, biz: dict[str, str]  # noqa: F811
                                                       ) -> None:
    shown = cli.json("consent", "show", "--json", "--business", biz["LUMBUNG_BUSINESS"],
                     "--pin", biz["LUMBUNG_PIN"])
    assert isinstance(shown, dict) and shown["dinas"] == "none"
    assert "tidak melihat apa pun" in shown["meaning"]
    set_ = cli("consent", "set", "--business", biz["LUMBUNG_BUSINESS"], "--pin",
               biz["LUMBUNG_PIN"], "--dinas", "ringkasan")
    assert "ringkasan" in set_.stdout
    again = cli.json("consent", "show", "--json", "--business", biz["LUMBUNG_BUSINESS"],
                     "--pin", biz["LUMBUNG_PIN"])
    assert isinstance(again, dict) and again["dinas"] == "ringkasan"
    wrong = cli("consent", "set", "--dinas", "semua", env=biz, ok=False)
    assert wrong.returncode == 2 and "semua" in wrong.stderr


def test_business_edit_fills_the_dinas_profile(cli: Cli, biz: dict[str, str]  # noqa: F811
                                              ) -> None:
    edited = json.loads(cli("business", "edit", "--json", "--paid-women", "2", "--family-men", "1",
                      "--modal-own", "15.000.000", "--founded", "2019", "--capacity", "300",
                      "--capacity-unit", "bungkus", "--material", "pisang:desa:80",
                      "--cert", "halal:ID31110000123456:2028-01-31", "--owner-gender",
                      "perempuan", "--owner-age", "35-44", "--pendamping", "Ni Luh Putu",
                      env=biz).stdout)
    assert isinstance(edited, dict)
    profile = edited["dinas_profile"]
    assert profile["paid_women"] == 2 and profile["modal_own"] == 1_500_000_000
    assert profile["materials"] == [["pisang", "desa", 80]]
    assert profile["halal_until"] == "2028-01-31"
    bad = cli("business", "edit", "--material", "pisang:bulan:80", env=biz, ok=False)
    assert bad.returncode == 2 and "materials" in bad.stderr
