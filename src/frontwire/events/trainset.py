"""Expand the team-written training templates into sentences (deterministic).

`python -m frontwire.events.trainset` reads data/events/train/templates.toml and writes
data/events/train/sentences.jsonl: {"text": ..., "sub": <ACLED sub-event type or NONE>,
"template": <which template it came from, for cross-validation by template>}.
"""

from __future__ import annotations

import json
import random
import re
import tomllib
from importlib import resources
from pathlib import Path

PER_CLASS = 240  # sentences per class, spread evenly over its templates
SEED = 20240312
SLOT = re.compile(r"\{([A-Z]+)\}")


def train_dir() -> Path:
    return Path(str(resources.files("frontwire.data") / "events" / "train"))


def expand(data: dict, per_class: int = PER_CLASS, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    slots: dict[str, list[str]] = data["slots"]
    out = []
    for sub, templates in data["templates"].items():
        per_template = max(1, -(-per_class // len(templates)))
        for t, tpl in enumerate(templates):
            seen: set[str] = set()
            for _ in range(per_template * 3):
                text = SLOT.sub(lambda m: rng.choice(slots[m.group(1)]), tpl)
                text = text[0].upper() + text[1:]
                if text not in seen:
                    seen.add(text)
                    out.append({"text": text, "sub": sub, "template": f"{sub}#{t}"})
                if len(seen) >= per_template:
                    break
    return out


def main() -> None:
    d = train_dir()
    data = tomllib.loads((d / "templates.toml").read_text(encoding="utf-8"))
    rows = expand(data)
    with (d / "sentences.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {d / 'sentences.jsonl'}")


if __name__ == "__main__":
    main()
