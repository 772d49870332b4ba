"""Tests for analysis.codeboek_pagina: the data contract as a page and a variable list."""

from __future__ import annotations

import pandas as pd

from analysis.codebook import load_codebook
from analysis.codeboek_pagina import codeboek_markdown, main, regels, variabelen


def test_every_column_of_every_table_is_listed_once():
    cb = load_codebook()
    var = variabelen(cb)
    verwacht = [(t, k) for t in cb.tabellen for k in cb.kolommen(t)]
    assert list(zip(var["tabel"], var["kolom"])) == verwacht
    assert not var.duplicated(["tabel", "kolom"]).any()


def test_item_columns_carry_instrument_subscale_and_waves():
    var = variabelen().set_index(["tabel", "kolom"])
    rij = var.loc[("cts2", "cts2_05_dader")]
    # CTS2 item 5 ("draaide arm of trok aan haar") is minor physical violence, asked at T0, T1, T2.
    assert (rij["instrument"], rij["subschaal"], rij["perspectief"], rij["waarden"], rij["metingen"]) == (
        "cts2", "fysiek", "dader", "1–8", "T0/T1/T2")
    assert var.loc[("ace", "ace_01"), "metingen"] == "T0"  # ACE only at the first wave (Tabel 2.1)
    regio = var.loc[("gezinnen", "regio")]
    assert regio["waarden"] == "een van de 13 Veilig Thuis-regio's" and not regio["ontbreken_toegestaan"]
    assert var.loc[("ouders", "gezin_id"), "verwijst_naar"] == "gezinnen.gezin_id"


def test_rules_show_value_source_and_provisional_flag():
    r = regels().set_index("naam")
    assert r.at["partnergeweld_mild_max", "waarde"] == "21" and r.at["partnergeweld_mild_max", "paragraaf"] == "2.5.1"
    assert bool(r.at["tsi_normen", "voorlopig"]) and not bool(r.at["partnergeweld_mild_max", "voorlopig"])
    assert (r["bron"].str.len() > 0).all()


def test_page_names_every_table_and_rule():
    md = codeboek_markdown()
    cb = load_codebook()
    for tabel, spec in cb.tabellen.items():
        assert f"## {tabel} ({spec['bestand']})" in md
    for naam in cb.raw["regels"]:
        assert f"| {naam} |" in md
    assert "| nan |" not in md and " nan " not in md


def test_main_writes_page_and_csv(tmp_path):
    uit = tmp_path / "codeboek"
    assert main(uit) == 0
    assert (uit / "codeboek.pdf").read_bytes().startswith(b"%PDF")
    html = (uit / "codeboek.html").read_text(encoding="utf-8")
    assert "Het datacontract" in html and "cts2_05_dader" in html
    csv = pd.read_csv(uit / "variabelen.csv", keep_default_na=False)
    assert len(csv) == len(variabelen())
    assert not any(p.name.startswith(".tmp-") for p in tmp_path.iterdir())
