"""Wire datelines: 'KYIV, Oct 30 (Reuters) -', 'KHARTOUM —', 'GAZA CITY, Gaza Strip (AP) --',
'Kyiv, May 4 (Wire) -'. Where a story was filed and when: not an event's place, not a
source, not an event's date. One pattern for every stage that must step over them."""

from __future__ import annotations

import re

_CAPS_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.'\u2019\-]+(?:[ /][A-Z][A-Z.'\u2019\-]+){0,3}"
    r"(?:,\s*[A-Z][A-Za-z.]+(?:\s+[A-Za-z.]+)?(?:\s+\d{1,2})?(?:,\s*\d{4})?)?"
    r"\s*(?:\([^()]{1,40}\))?\s*(?:--|[\u2014\u2013:]|-\s)\s*"
)
_TITLE_DATELINE = re.compile(
    r"\s*[A-Z][\w.'\u2019\-]*(?: [A-Z][\w.'\u2019\-]*){0,3}"
    r"(?:,\s+[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^()]{1,40}\))?"
    r"|\s*\((?:AP|AFP|Reuters|UPI|[A-Z][\w ]{1,30})\))\s*(?:--|[\u2014\u2013]|-\s)\s*"
)

# 'GOMA, Democratic Republic of Congo, June 8 (Reuters) -': any place words, then a date
_DATED_DATELINE = re.compile(
    r"\s*[A-Z][A-Za-z .,'/-]{1,40},\s+[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s+\d{4})?\s*"
    r"(?:\([^)]{1,40}\))?\s*[-\u2013\u2014]+\s*"
)


# The last text's answers by start offset: the stages ask about the same article's lines
# again and again (every claim's source, every event's date and place). Only the last text
# is held, so nothing grows with the corpus; one (text, answers) tuple, read once, so that
# threads sharing the module never mix two texts' answers.
_LAST: list[tuple[str, dict[int, int]]] = []


def dateline_end(text: str, start: int = 0) -> int:
    """End offset of the dateline that opens the text at `start` (a line's first character),
    or `start` itself when there is none."""
    last = _LAST[0] if _LAST else None
    if last is None or last[0] is not text:
        last = (text, {})
        _LAST[:] = [last]
    known = last[1]
    end = known.get(start)
    if end is None:
        ends = [
            m.end()
            for pattern in (_CAPS_DATELINE, _TITLE_DATELINE, _DATED_DATELINE)
            if (m := pattern.match(text, start))
        ]
        end = known[start] = max(ends, default=start)
    return end
