"""The data contract as a document: the codebook rendered for people (``make codeboek``).

Data managers who deliver a real snapshot, and reviewers who check a scoring rule, read the
contract here instead of in YAML. Everything comes from :func:`analysis.codebook.load_codebook`:

- :func:`variabelen` — one row per column of every table (machine-readable, also written as
  ``variabelen.csv``: the list to map SPSS variables onto);
- :func:`regels` — every scoring rule with its value, report section, source and whether it is
  provisional;
- :func:`codeboek_markdown` — the Dutch page (tables, columns, instruments with their items and
  answer scales, rules), rendered to HTML and PDF by :func:`main` with the report's renderer.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.codebook import Codebook, load_codebook, tabel_metingen
from analysis.snapshot import vervang_map

#: Dutch names of the column types of the codebook.
TYPE_NAMEN = {
    "id": "sleutel (tekst)",
    "categorie": "categorie",
    "geheel": "geheel getal",
    "bool": "ja/nee",
    "antwoord": "antwoord (geheel getal)",
}


def _waarden_tekst(cb: Codebook, spec: dict[str, Any]) -> str:
    """Allowed values of a column as a short Dutch text."""
    if spec["type"] == "categorie":
        waarden = spec["waarden"]
        if waarden == "regios":
            return f"een van de {len(cb.regios)} Veilig Thuis-regio's"
        if waarden == "metingen":
            return ", ".join(cb.metingen)
        return ", ".join(str(w) for w in waarden)
    if spec["type"] == "geheel":
        laag, hoog = spec["bereik"]
        return f"{laag}–{hoog}"
    if spec["type"] == "antwoord":
        w = spec["waarden"]
        return f"{w[0]}–{w[-1]}" if w == list(range(w[0], w[-1] + 1)) else ", ".join(map(str, w))
    return ""


def _tekst(waarde: Any) -> str:
    """A text field of the item list; None/NaN (no subscale, no severity) become empty."""
    return waarde if isinstance(waarde, str) else ""


def _verwijzing(spec: dict[str, Any]) -> str:
    doel = spec.get("verwijst_naar")
    if not doel:
        return ""
    return " of ".join(doel) if isinstance(doel, list) else str(doel)


def variabelen(cb: Codebook | None = None) -> pd.DataFrame:
    """One row per column of every table of the codebook, in codebook order.

    Columns: tabel, bestand, kolom, type, label, waarden, ontbreken_toegestaan, verwijst_naar,
    instrument, subschaal, perspectief, rapporteur, metingen.
    """
    cb = cb or load_codebook()
    rijen = []
    for tabel, tspec in cb.tabellen.items():
        instrument = tspec.get("instrument")
        items = cb.items(instrument).set_index("kolom") if instrument else None
        ispec = cb.instrument(instrument) if instrument else {}
        metingen = tabel_metingen(cb, tabel)
        for kolom, spec in cb.kolommen(tabel).items():
            is_item = items is not None and kolom in items.index
            rijen.append({
                "tabel": tabel,
                "bestand": tspec["bestand"],
                "kolom": kolom,
                "type": TYPE_NAMEN.get(spec["type"], spec["type"]),
                "label": spec.get("label", ""),
                "waarden": _waarden_tekst(cb, spec),
                "ontbreken_toegestaan": bool(spec.get("ontbreken_toegestaan", False)) and spec["type"] != "id",
                "verwijst_naar": _verwijzing(spec),
                "instrument": instrument if is_item else "",
                "subschaal": _tekst(items.at[kolom, "subschaal"]) if is_item else "",
                "perspectief": _tekst(items.at[kolom, "perspectief"]) if is_item else "",
                "rapporteur": ispec.get("rapporteur", tspec.get("rapporteur", "")) if is_item else "",
                "metingen": "/".join(metingen) if metingen else "",
            })
    return pd.DataFrame(rijen)


def regels(cb: Codebook | None = None) -> pd.DataFrame:
    """Every scoring rule: naam, waarde (as compact JSON), paragraaf, bron, voorlopig."""
    cb = cb or load_codebook()
    rijen = []
    for naam, spec in cb.raw["regels"].items():
        rijen.append({
            "naam": naam,
            "waarde": json.dumps(spec["waarde"], ensure_ascii=False, sort_keys=False),
            "paragraaf": str(spec.get("paragraaf", "")),
            "bron": " ".join(str(spec.get("bron", "")).split()),
            "voorlopig": bool(spec.get("voorlopig", False)),
        })
    return pd.DataFrame(rijen)


def _cel(tekst: Any) -> str:
    """Text safe inside a pipe table cell."""
    return " ".join(str(tekst).split()).replace("|", "\\|") if tekst is not None else ""


def _pijptabel(kop: list[str], rijen: list[list[Any]]) -> str:
    regels_ = ["| " + " | ".join(kop) + " |", "|" + "|".join("---" for _ in kop) + "|"]
    regels_ += ["| " + " | ".join(_cel(c) for c in rij) + " |" for rij in rijen]
    return "\n".join(regels_)


def _instrument_md(cb: Codebook, naam: str) -> str:
    spec = cb.instrument(naam)
    schaal = cb.antwoordschaal(spec["antwoordschaal"])
    waarden = "; ".join(f"{k} = {v}" for k, v in schaal["waarden"].items())
    delen = [
        f"**Instrument {naam}** — {_cel(spec['label'])}.",
        f"Rapporteur: {spec.get('rapporteur', '')}; metingen: {', '.join(spec.get('metingen', []))}; "
        f"paragraaf {spec.get('paragraaf', '')}. Bron: {_cel(spec.get('bron', ''))}",
        f"Antwoordschaal *{_cel(schaal.get('label', spec['antwoordschaal']))}*: {_cel(waarden)}. "
        f"Ontbrekend: leeg (null); SPSS-codes {', '.join(map(str, schaal.get('ontbrekend', [])))} worden bij de import leeg.",
    ]
    items = cb.items(naam)
    rijen = [[r.kolom, r.nr, _tekst(r.subschaal), _tekst(r.ernst), r.label] for r in items.itertuples()]
    return "\n\n".join(delen) + "\n\n" + _pijptabel(["Kolom", "Nr.", "Subschaal", "Ernst", "Vraag"], rijen)


def codeboek_markdown(cb: Codebook | None = None) -> str:
    """The Dutch contract page (Quarto/pandoc Markdown)."""
    cb = cb or load_codebook()
    var = variabelen(cb)
    delen = [
        "# Het datacontract",
        "Een snapshot is een map met één Parquet-bestand per tabel hieronder en een `manifest.json` "
        "(bestandsnamen, aantallen rijen, SHA-256). Bij het laden wordt eerst het manifest gecontroleerd "
        "en daarna elke tabel tegen dit codeboek: ontbrekende of onbekende kolommen, verkeerde typen, "
        "waarden buiten het bereik, dubbele sleutels en verwijzingen naar onbekende gezinnen of personen. "
        "Alle fouten worden tegelijk gemeld, per bestand, kolom en regel; er wordt dan niets gemaakt.",
        "Ruwe antwoorden worden opgeslagen, nooit berekende scores of categorieën: die berekent de "
        "analyse met de regels onderaan deze pagina. SPSS-bestanden worden omgezet met "
        "`python -m analysis import-sav` en een koppelbestand (SPSS-variabele → kolom hieronder); de lijst "
        "van alle kolommen staat ook in `variabelen.csv` naast deze pagina.",
        f"Metingen: {', '.join(cb.metingen)}. Regio's: {', '.join(cb.regios)}.",
        "# Tabellen",
    ]
    for tabel, tspec in cb.tabellen.items():
        sub = var[var["tabel"] == tabel]
        gewoon = sub[sub["instrument"] == ""]
        delen.append(f"## {tabel} ({tspec['bestand']})")
        metingen = tabel_metingen(cb, tabel)
        delen.append(f"{_cel(tspec.get('label', ''))}. Sleutel: {', '.join(tspec['sleutel'])}."
                     + (f" Metingen: {', '.join(metingen)}." if metingen else ""))
        rijen = [[r.kolom, r.type, r.label, r.waarden, "ja" if r.ontbreken_toegestaan else "nee", r.verwijst_naar]
                 for r in gewoon.itertuples()]
        delen.append(_pijptabel(["Kolom", "Type", "Omschrijving", "Toegestaan", "Mag leeg", "Verwijst naar"], rijen))
        if "instrument" in tspec:
            delen.append(_instrument_md(cb, tspec["instrument"]))
    delen.append("# Scoringsregels")
    delen.append("Elke constante die de analyse gebruikt, met de paragraaf van het rapport en de bron. "
                 "Regels die *voorlopig* zijn, zijn plaatshouders: het rapport noemt de waarde niet en de "
                 "handleiding van het instrument was niet beschikbaar.")
    r = regels(cb)
    delen.append(_pijptabel(["Regel", "Waarde", "Par.", "Voorlopig", "Bron"],
                            [[x.naam, x.waarde, x.paragraaf, "ja" if x.voorlopig else "", x.bron] for x in r.itertuples()]))
    return "\n\n".join(delen) + "\n"


def main(uit: Path) -> int:
    """Write ``uit/codeboek.md``, ``variabelen.csv``, ``regels.csv``, ``codeboek.html`` and
    ``codeboek.pdf``; ``uit`` is replaced only when everything is written."""
    from analysis.provenance import code_versie
    from analysis.render import render_document

    uit = Path(uit)
    uit.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=".tmp-codeboek-", dir=uit.parent))
    tijdelijk.chmod(0o755)  # mkdtemp makes it private; the result is an ordinary output folder
    try:
        cb = load_codebook()
        variabelen(cb).to_csv(tijdelijk / "variabelen.csv", index=False, lineterminator="\n")
        regels(cb).to_csv(tijdelijk / "regels.csv", index=False, lineterminator="\n")
        bron = tijdelijk / "codeboek.md"
        bron.write_text(codeboek_markdown(cb), encoding="utf-8")
        meta = {"title": "Codeboek", "subtitle": "Het datacontract van de snapshot", "date": "",
                "provenance": f"Codeboek versie {cb.raw.get('versie', '')} · code {code_versie()}",
                "synthetic": False, "lang": "nl"}
        render_document(bron, meta, tijdelijk / "codeboek.html", tijdelijk / "codeboek.pdf")
        vervang_map(tijdelijk, uit)
    except BaseException:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise
    print(f"Codeboek: {uit / 'codeboek.html'} en {uit / 'codeboek.pdf'} "
          f"({len(variabelen())} kolommen, {len(regels())} regels).")
    return 0
