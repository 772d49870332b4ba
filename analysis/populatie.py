"""Study populations: which families, parents and children an analysis is about.

A *scope* is "nederland" (the whole study) or the slug of one Veilig Thuis region; regions go
through exactly the same code as the nation, only on a subset of families.
"""

from __future__ import annotations

import pandas as pd

from analysis.codebook import load_codebook

NEDERLAND = "nederland"


def scope_naam(scope: str) -> str:
    """Dutch display name of a scope: "Nederland" or the region's name of Tabel 3.1."""
    return "Nederland" if scope == NEDERLAND else load_codebook().regio_naam(scope)


def beperk_tot_scope(tabellen: dict[str, pd.DataFrame], scope: str) -> dict[str, pd.DataFrame]:
    """The snapshot's tables restricted to the families of one region (or all, for Nederland).

    A family belongs to the region of ``gezinnen.regio``: the region it lived in at T0 (where it
    was reported to Veilig Thuis), also when it moved to another region later (table
    ``woonregio``, used only by Tabel 3.1); its rows of every table, ``woonregio`` included,
    stay with that region.

    Tables of the reference group (codebook ``steekproef: referentiegroep``) are a national
    comparison sample without regions: every scope gets them whole."""
    if scope == NEDERLAND:
        return dict(tabellen)
    regio = scope_naam(scope)
    gezinnen = tabellen["gezinnen"][tabellen["gezinnen"]["regio"] == regio]
    ids = set(gezinnen["gezin_id"])
    ouders = tabellen["ouders"][tabellen["ouders"]["gezin_id"].isin(ids)]
    kinderen = tabellen["kinderen"][tabellen["kinderen"]["gezin_id"].isin(ids)]
    respondenten = set(ouders["ouder_id"]) | set(kinderen["kind_id"])
    out = {"gezinnen": gezinnen, "ouders": ouders, "kinderen": kinderen}
    specs = load_codebook().tabellen
    for naam, frame in tabellen.items():
        if naam in out:
            continue
        if specs.get(naam, {}).get("steekproef") == "referentiegroep":
            out[naam] = frame
        elif "ouder_id" in frame.columns:
            out[naam] = frame[frame["ouder_id"].isin(respondenten)]
        elif "kind_id" in frame.columns:
            out[naam] = frame[frame["kind_id"].isin(respondenten)]
        elif "respondent_id" in frame.columns:
            out[naam] = frame[frame["respondent_id"].isin(respondenten)]
        elif "gezin_id" in frame.columns:
            out[naam] = frame[frame["gezin_id"].isin(ids)]
        else:
            raise KeyError(f"tabel {naam} heeft geen sleutel om op regio te selecteren")
    return out


def ouders_alle_metingen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Parents who took part in all three measurements (T0, T1 and T2), with gezin_id and geslacht."""
    metingen = load_codebook().metingen
    deelname = tabellen["deelname"]
    per_ouder = deelname.groupby("respondent_id")["meting"].nunique()
    ids = per_ouder[per_ouder == len(metingen)].index
    ouders = tabellen["ouders"]
    return ouders[ouders["ouder_id"].isin(ids)].reset_index(drop=True)


def gezinnen_alle_metingen(tabellen: dict[str, pd.DataFrame]) -> pd.Index:
    """Families in which a parent took part at every measurement (the N=576 of chapter 4)."""
    metingen = load_codebook().metingen
    deelname = tabellen["deelname"].merge(
        tabellen["ouders"][["ouder_id", "gezin_id"]], left_on="respondent_id", right_on="ouder_id"
    )
    per_gezin = deelname.groupby("gezin_id")["meting"].nunique()
    return pd.Index(sorted(per_gezin[per_gezin == len(metingen)].index), name="gezin_id")
