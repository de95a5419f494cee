"""The README's long-article example runs as written: the generator writes a 1 MB chronicle,
the reader takes it as one article under the default --max-bytes, and the same commands
store and list its events (on a 30 KB chronicle of the generator, for the suite's time;
`bench/scale.py --only length` times the full megabyte)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from frontwire.cli import app
from frontwire.ingest.article import Article
from frontwire.ingest.readers import ReadOptions, read_inputs

REPO = Path(__file__).resolve().parents[1]


def _long_article_commands() -> list[list[str]]:
    readme = (REPO / "README.md").read_text("utf-8")
    block = next(b for b in readme.split("```sh")[1:] if "examples/long_article.py" in b)
    lines = block.split("```")[0].strip().splitlines()
    return [shlex.split(line, comments=True) for line in lines]


def test_the_readme_generator_writes_a_megabyte_read_as_one_article(tmp_path: Path) -> None:
    generate, run, _events = _long_article_commands()
    assert generate[:2] == ["python", "examples/long_article.py"] and generate[-2] == ">"
    out = tmp_path / generate[-1]
    with out.open("wb") as handle:
        subprocess.run([sys.executable, *generate[1:-2]], cwd=REPO, stdout=handle, check=True)
    assert 1_000_000 <= out.stat().st_size < 1_010_000
    assert "--max-bytes" not in run  # the default takes a megabyte
    [article] = list(read_inputs([out], ReadOptions()))
    assert isinstance(article, Article) and article.text == out.read_text("utf-8").strip()
    # a lower limit refuses it, naming the way out
    [refused] = list(read_inputs([out], ReadOptions(max_bytes=500_000)))
    assert "--max-bytes" in str(refused)


def test_the_readme_commands_store_the_chronicle_and_list_its_events(
    tmp_path: Path, monkeypatch
) -> None:
    generate, run, events = _long_article_commands()
    monkeypatch.chdir(tmp_path)
    small = [*generate[1:-2]]
    small[small.index("--kb") + 1] = "30"
    with Path(generate[-1]).open("wb") as handle:
        subprocess.run([sys.executable, str(REPO / small[0]), *small[1:]], stdout=handle,
                       check=True)
    runner = CliRunner()
    result = runner.invoke(app, run[1:])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output or "added: 1" in result.output, result.output
    result = runner.invoke(app, [*events[1:], "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Kharkiv" in result.stdout and "2023-01-" in result.stdout
