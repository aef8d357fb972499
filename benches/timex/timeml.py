"""Reads one TimeML (.tml) file: `parse(path)` or `parse_string(xml)`.

Returns a Doc: the document id, the document creation time (DCT) as YYYY-MM-DD, the plain
text of <TEXT> (tags stripped, XML entities decoded, every other character kept as is), and
every TIMEX3 inside <TEXT> with its character offsets into that text. Standard library only.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass
class Timex:
    start: int  # character offsets into Doc.text, end exclusive
    end: int
    tid: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    text: str
    mod: str = ""  # START, MID, END, ON_OR_AFTER, APPROX, ...: the value is the whole unit


@dataclass
class Doc:
    id: str
    dct: str  # YYYY-MM-DD
    text: str
    timexes: list = field(default_factory=list)  # every TIMEX3 in <TEXT>, in text order

    @property
    def gold(self):
        """(start, end, type, value) of every TIMEX3 in <TEXT>."""
        return [(t.start, t.end, t.type, t.value) for t in self.timexes]


def parse(path):
    with open(path, "rb") as f:
        return parse_string(f.read(), default_id=_stem(path))


def _stem(path):
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".tml") else name


def parse_string(data, default_id="doc"):
    """Parses TimeML from bytes or str. Elements of any depth are walked, so a TIMEX3 inside
    another tag (or holding one) gets its right offsets."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    root = ET.fromstring(data)
    doc_id = default_id
    node = _find(root, "DOCID")
    if node is not None and "".join(node.itertext()).strip():
        doc_id = "".join(node.itertext()).strip()
    dct = None
    dct_node = _find(root, "DCT")
    if dct_node is not None:
        for t in dct_node.iter():
            if _local(t.tag) == "TIMEX3" and t.get("value"):
                dct = t.get("value")
                break
    if dct is None:  # some TimeML puts the creation time outside <DCT>
        for t in root.iter():
            if _local(t.tag) == "TIMEX3" and t.get("functionInDocument") == "CREATION_TIME":
                dct = t.get("value")
                break
    if dct is None:
        raise ValueError(f"{doc_id}: no document creation time")
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", dct)
    if not m:
        raise ValueError(f"{doc_id}: creation time {dct!r} is not a day")
    dct = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    text_node = _find(root, "TEXT")
    if text_node is None:
        raise ValueError(f"{doc_id}: no <TEXT>")
    parts = []
    timexes = []
    _walk(text_node, parts, timexes, [0])
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    timexes.sort(key=lambda t: (t.start, t.end))
    return Doc(doc_id, dct, text, timexes)


def _walk(elem, parts, timexes, pos):
    """Appends elem's own text and its children (with their tails) to parts; pos[0] is the
    character offset so far. The element's own tail is the caller's business."""
    start = pos[0]
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        _walk(child, parts, timexes, pos)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if _local(elem.tag) == "TIMEX3":
        timexes.append(Timex(start, pos[0], elem.get("tid", ""), elem.get("type", ""),
                             elem.get("value", ""), "", elem.get("mod", "")))


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _find(root, name):
    for e in root.iter():
        if _local(e.tag) == name:
            return e
    return None
