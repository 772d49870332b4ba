"""Tests for analysis.sav_import: SPSS files -> snapshot, and its error report."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml

from analysis.codebook import load_codebook
from analysis.sav_import import ImportFout, ImportVerslag, import_sav
from analysis.snapshot import SnapshotError, load_snapshot
from analysis.synthetic import generate

METING_CODE = {"T0": 0, "T1": 1, "T2": 2}
GESLACHT_CODE = {"vrouw": 1, "man": 2}


@pytest.fixture(scope="module")
def tabellen(klein_ontwerp) -> dict[str, pd.DataFrame]:
    return generate(seed=11, parameters={"steekproef": klein_ontwerp})


def _spss(df: pd.DataFrame) -> pd.DataFrame:
    """Plain dtypes pyreadstat can write: object strings and float numbers."""
    uit = {}
    for kolom, s in df.items():
        uit[kolom] = s.astype(object) if pd.api.types.is_string_dtype(s.dtype) else s.astype("float64")
    return pd.DataFrame(uit)


def _items_spss(df: pd.DataFrame, instrument: str, naam) -> pd.DataFrame:
    items = load_codebook().items(instrument)
    return df[list(items["kolom"])].rename(columns={r.kolom: naam(r) for r in items.itertuples()})


def schrijf_sav_bestanden(tabellen: dict[str, pd.DataFrame], map_: Path, *, cts_aanpassen=None) -> Path:
    """Write the tables as SPSS files with SPSS-style names and codes plus a mapping file."""
    cb = load_codebook()
    map_.mkdir(parents=True, exist_ok=True)
    spss = map_ / "spss"
    spss.mkdir(exist_ok=True)

    regiocode = {r: i + 1 for i, r in enumerate(cb.regios)}
    g = tabellen["gezinnen"]
    gezinnen = _spss(pd.DataFrame({
        "GEZINNR": g["gezin_id"], "VTREGIO": g["regio"].map(regiocode), "INVOERDATUM": 20190101.0}))
    pyreadstat.write_sav(gezinnen, spss / "gezinnen.sav",
                         variable_value_labels={"VTREGIO": {float(i): r for r, i in regiocode.items()}})

    o = tabellen["ouders"]
    ouders = _spss(pd.DataFrame({
        "RESPNR": o["ouder_id"], "GEZINNR": o["gezin_id"], "GESLACHT": o["geslacht"].map(GESLACHT_CODE),
        "LFT": o["leeftijd_t0"].astype("float64").fillna(99.0),
        # Other columns under the codebook's own names: matched by name.
        **{k: o[k] for k in o.columns if k not in ("ouder_id", "gezin_id", "geslacht", "leeftijd_t0")}}))
    pyreadstat.write_sav(ouders, spss / "ouders.sav")

    k = tabellen["kinderen"]  # columns with the codebook's names, in capitals: matched by name
    kinderen = _spss(k.rename(columns={"kind_id": "KINDNR", "gezin_id": "GEZINNR", "geslacht": "GESLACHT",
                                       "leeftijd_t0": "LEEFTIJD_T0"}))
    pyreadstat.write_sav(kinderen, spss / "kinderen.sav")

    d = tabellen["deelname"]
    pyreadstat.write_sav(_spss(pd.DataFrame({"RESPNR": d["respondent_id"], "METING": d["meting"].map(METING_CODE)})),
                         spss / "deelname.sav")

    c = tabellen["cts2"]
    cts = pd.concat([
        pd.DataFrame({"RESPNR": c["ouder_id"], "METING": c["meting"].map(METING_CODE),
                      "partner_relatie": c["partner_relatie"]}),
        _items_spss(c, "cts2", lambda r: f"CTS2_{r.nr:02d}{r.perspectief[0].upper()}"),
    ], axis=1)
    cts = _spss(cts)
    items = [v for v in cts.columns if v.startswith("CTS2_")]
    # Missing answers: declared SPSS user-missing code 9 (read as null by pyreadstat).
    cts[items] = cts[items].fillna(9.0)
    if cts_aanpassen:
        cts_aanpassen(cts)
    pyreadstat.write_sav(cts, spss / "cts2.sav", missing_ranges={v: [9] for v in items})

    pc = tabellen["ctspc_ouder"]
    ctspc = pd.concat([
        pd.DataFrame({"RESPNR": pc["ouder_id"], "KINDNR": pc["kind_id"], "METING": pc["meting"].map(METING_CODE)}),
        _items_spss(pc, "ctspc_ouder", lambda r: f"CTSPC_{r.nr:02d}"),
    ], axis=1)
    ctspc = _spss(ctspc)
    items = [v for v in ctspc.columns if v.startswith("CTSPC_")]
    # Missing answers: the undeclared code -99 of the answer scale (`ontbrekend` in the codebook).
    ctspc[items] = ctspc[items].fillna(-99.0)
    pyreadstat.write_sav(ctspc, spss / "ctspc_ouder.sav")

    koppeling = {"tabellen": {
        "gezinnen": {"bestand": "spss/gezinnen.sav", "kolommen": {"gezin_id": "GEZINNR", "regio": "VTREGIO"},
                     "hercoderen": {"regio": "waardelabels"}},
        "ouders": {"bestand": "spss/ouders.sav",
                   "kolommen": {"ouder_id": "RESPNR", "gezin_id": "GEZINNR", "geslacht": "GESLACHT",
                                "leeftijd_t0": "LFT"},
                   "hercoderen": {"geslacht": {v: k for k, v in GESLACHT_CODE.items()}},
                   "ontbrekend": {"leeftijd_t0": [99]}},
        "kinderen": {"bestand": "spss/kinderen.sav", "kolommen": {"kind_id": "KINDNR", "gezin_id": "GEZINNR"}},
        "deelname": {"bestand": "spss/deelname.sav", "kolommen": {"respondent_id": "RESPNR", "meting": "METING"},
                     "hercoderen": {"meting": {v: k for k, v in METING_CODE.items()}}},
        "cts2": {"bestand": "spss/cts2.sav", "kolommen": {"ouder_id": "RESPNR", "meting": "METING"},
                 "items": "CTS2_{nr:02d}{perspectief}", "perspectieven": {"dader": "D", "slachtoffer": "S"},
                 "hercoderen": {"meting": {v: k for k, v in METING_CODE.items()}}},
        "ctspc_ouder": {"bestand": "spss/ctspc_ouder.sav",
                        "kolommen": {"ouder_id": "RESPNR", "kind_id": "KINDNR", "meting": "METING"},
                        "items": "CTSPC_{nr:02d}",
                        "hercoderen": {"meting": {v: k for k, v in METING_CODE.items()}}},
    }}
    # Every further table of the codebook (background, parent instruments): one .sav file with the
    # codebook's column names, matched by name.
    for tabel in cb.tabellen:
        if tabel not in koppeling["tabellen"]:
            pyreadstat.write_sav(_spss(tabellen[tabel]), spss / f"{tabel}.sav")
            koppeling["tabellen"][tabel] = {"bestand": f"spss/{tabel}.sav"}
    pad = map_ / "koppeling.yaml"
    pad.write_text(yaml.safe_dump(koppeling, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pad


def test_import_round_trip(tabellen, tmp_path):
    koppeling = schrijf_sav_bestanden(tabellen, tmp_path / "bron")
    verslag = import_sav(koppeling, tmp_path / "snap", naam="echt")
    assert isinstance(verslag, ImportVerslag)
    snap = load_snapshot(tmp_path / "snap")
    assert (snap.naam, snap.synthetisch) == ("echt", False)
    for naam, df in tabellen.items():
        pd.testing.assert_frame_equal(snap.tabellen[naam], df, obj=naam)
    assert verslag.rijen == {naam: len(df) for naam, df in tabellen.items()}
    assert verslag.genegeerd["gezinnen.sav"] == ["INVOERDATUM"]
    assert "INVOERDATUM" in str(verslag)
    # Missing codes made null: -99 in ctspc (undeclared), 99 for the parents' age.
    assert verslag.leeg_gemaakt["ctspc_ouder"] == int(tabellen["ctspc_ouder"].iloc[:, 3:].isna().sum().sum()) > 0
    assert verslag.leeg_gemaakt["ouders"] == int(tabellen["ouders"]["leeftijd_t0"].isna().sum())
    assert tabellen["cts2"][list(load_codebook().items("cts2")["kolom"])].isna().to_numpy().any()  # declared user-missing 9 came through as null


def test_out_of_range_value_names_file_column_rows(tabellen, tmp_path):
    def fout_invoeren(cts):
        cts.loc[[3, 7], "CTS2_05D"] = 12.0

    koppeling = schrijf_sav_bestanden(tabellen, tmp_path / "bron", cts_aanpassen=fout_invoeren)
    with pytest.raises(ImportFout) as fout:
        import_sav(koppeling, tmp_path / "snap", naam="echt")
    (p,) = fout.value.problemen
    assert (p.bestand, p.kolom, p.regel, p.rijen) == ("cts2.sav", "cts2_05_dader (CTS2_05D)", "buiten bereik", (4, 8))
    cts = tabellen["cts2"]
    assert p.voorbeelden[0] == f"ouder_id={cts.at[3, 'ouder_id']}, meting={cts.at[3, 'meting']}: 12"
    tekst = str(fout.value)
    assert tekst.splitlines()[0] == (f"De import van koppeling.yaml naar {tmp_path / 'snap'} is mislukt: "
                                     "1 probleem in 1 bestand. Er is niets gemaakt.")
    assert "cts2.sav · kolom cts2_05_dader (CTS2_05D) · buiten bereik (toegestaan 1–8): 2 rijen (rij 4, 8)" in tekst
    assert not (tmp_path / "snap").exists()
    assert isinstance(fout.value, SnapshotError)


def test_unknown_code_and_missing_columns(tabellen, tmp_path):
    def fouten(cts):
        cts.loc[0, "METING"] = 3.0
        del cts["CTS2_39S"]

    koppeling = schrijf_sav_bestanden(tabellen, tmp_path / "bron", cts_aanpassen=fouten)
    inhoud = yaml.safe_load(koppeling.read_text())
    del inhoud["tabellen"]["kinderen"]["kolommen"]["kind_id"]  # and KINDNR is no codebook name
    inhoud["tabellen"]["ouders"]["kolommen"]["leeftijd_t0"] = "LEEFTIJD"  # does not exist
    koppeling.write_text(yaml.safe_dump(inhoud))
    with pytest.raises(ImportFout) as fout:
        import_sav(koppeling, tmp_path / "snap", naam="echt")
    gevonden = {(p.bestand, p.kolom, p.regel) for p in fout.value.problemen}
    assert ("cts2.sav", "meting (METING)", "onbekende meting") in gevonden
    assert ("cts2.sav", "cts2_39_slachtoffer", "ontbrekende kolom") in gevonden
    assert ("kinderen.sav", "kind_id", "ontbrekende kolom") in gevonden
    assert ("ouders.sav", "leeftijd_t0", "ontbrekende kolom") in gevonden
    meting = next(p for p in fout.value.problemen if p.regel == "onbekende meting")
    assert meting.rijen == (1,) and meting.voorbeelden[0].endswith(": 3")
    toelichting = {p.kolom: p.toelichting for p in fout.value.problemen if p.regel == "ontbrekende kolom"}
    assert toelichting["leeftijd_t0"] == "SPSS-variabele LEEFTIJD bestaat niet"
    assert toelichting["kind_id"] == "geen SPSS-variabele gekoppeld"
    assert not (tmp_path / "snap").exists()


def test_missing_file_and_table(tabellen, tmp_path):
    koppeling = schrijf_sav_bestanden(tabellen, tmp_path / "bron")
    (tmp_path / "bron" / "spss" / "deelname.sav").unlink()
    inhoud = yaml.safe_load(koppeling.read_text())
    del inhoud["tabellen"]["kinderen"]
    inhoud["tabellen"]["scholen"] = {"bestand": "spss/scholen.sav"}
    koppeling.write_text(yaml.safe_dump(inhoud))
    with pytest.raises(ImportFout) as fout:
        import_sav(koppeling, tmp_path / "snap", naam="echt")
    gevonden = {(p.bestand, p.regel) for p in fout.value.problemen}
    assert ("deelname.sav", "ontbrekend bestand") in gevonden
    assert ("koppeling.yaml", "ontbrekende tabel") in gevonden
    assert ("koppeling.yaml", "onbekende tabel") in gevonden
    assert not (tmp_path / "snap").exists()


def test_invalid_mapping_file(tmp_path):
    pad = tmp_path / "koppeling.yaml"
    pad.write_text("tabellen: [1, 2")
    with pytest.raises(ImportFout, match="ongeldige koppeling"):
        import_sav(pad, tmp_path / "snap", naam="x")
    with pytest.raises(ImportFout, match="ontbrekend bestand"):
        import_sav(tmp_path / "bestaat-niet.yaml", tmp_path / "snap", naam="x")


def test_numeric_ids_become_text(tabellen, tmp_path):
    """SPSS often stores ids as numbers: 12.0 becomes "12"."""
    klein = {naam: df.copy() for naam, df in tabellen.items()}
    nummers = {g: str(i + 1) for i, g in enumerate(klein["gezinnen"]["gezin_id"])}
    # Every table of the study that refers to a family (the reference group numbers its own).
    for naam, df in klein.items():
        if "gezin_id" in df.columns and not naam.startswith("referentie_"):
            df["gezin_id"] = df["gezin_id"].map(nummers).astype("str")
    koppeling = schrijf_sav_bestanden(klein, tmp_path / "bron")
    df, meta = pyreadstat.read_sav(str(tmp_path / "bron" / "spss" / "gezinnen.sav"))
    df["GEZINNR"] = df["GEZINNR"].astype("float64")
    pyreadstat.write_sav(df, tmp_path / "bron" / "spss" / "gezinnen.sav",
                         variable_value_labels=meta.variable_value_labels)
    import_sav(koppeling, tmp_path / "snap", naam="echt")
    ids = load_snapshot(tmp_path / "snap").tabellen["gezinnen"]["gezin_id"]
    assert ids.tolist() == [str(i) for i in range(1, len(ids) + 1)]
    assert np.all(ids.str.isdigit())
