"""Language identification: accuracy per language on the team's short texts, and English
texts refused among the dev gold texts.

    python -m frontwire.eval.language [--high-accuracy] [--gold-dir DIR]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter
from pathlib import Path

from frontwire.eval.gold import eval_dir, iter_jsonl
from frontwire.ingest.language import LanguageIdentifier

TEAM_SET = Path(__file__).resolve().parents[3] / "tests" / "data" / "language_short.jsonl"


def main(low_accuracy: bool = True, gold_dir: Path | None = None) -> str:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    identifier = LanguageIdentifier(low_accuracy=low_accuracy)
    identifier.detector  # noqa: B018 - built here, to time it
    load_s = time.perf_counter() - start
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    for item in iter_jsonl(TEAM_SET):
        key = (item["lang"], item.get("batch", "first"))
        total[key] += 1
        right[key] += (identifier.identify(item["text"]) or "en") == item["lang"]
    langs = sorted({lang for lang, _ in total}, key=["en", "nl", "ru", "uk"].index)
    lines = [
        f"lingua, {'low' if low_accuracy else 'high'}-accuracy mode: built in {load_s:.2f} s, "
        f"peak memory +{grown_mb:.0f} MB",
        "",
        "| language | first batch (rules tuned on it) | blind batch |",
        "|---|---|---|",
        *(
            f"| {lang} | {right[lang, 'first']} / {total[lang, 'first']} | "
            f"{right[lang, 'blind']} / {total[lang, 'blind']} |"
            for lang in langs
        ),
    ]
    folder = gold_dir or eval_dir()
    refused: Counter[str] = Counter()
    texts = 0
    for path in sorted(folder.glob("*.jsonl")):
        for row in iter_jsonl(path):
            text = row.get("text") or row.get("description") or ""
            if not text or row.get("language", "en") != "en":
                continue  # the few texts the gold itself marks as another language
            texts += 1
            if identifier.refusal(text):
                refused[path.name] += 1
    lines += ["", f"English dev texts in {folder}: {texts}, refused: {sum(refused.values())}"]
    lines += [f"- {name}: {n}" for name, n in refused.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--high-accuracy", action="store_true")
    parser.add_argument("--gold-dir", type=Path)
    args = parser.parse_args()
    print(main(low_accuracy=not args.high_accuracy, gold_dir=args.gold_dir))
