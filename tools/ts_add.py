"""Add or update Vietnamese translations in a Qt Linguist file without running lupdate.

    python tools/ts_add.py i18n/dvc_vi.ts TRANSLATIONS.json

TRANSLATIONS.json: ``{"Context": {"English source": "Bản dịch tiếng Việt", …}, …}``. Useful when
several people add strings at once: each adds exactly their own messages, in NFC.
"""

from __future__ import annotations

import json
import sys
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path


def add(ts_text: str, translations: dict[str, dict[str, str]]) -> str:
    root = ET.fromstring(ts_text)
    contexts = {c.findtext("name"): c for c in root.iter("context")}
    for context_name, messages in translations.items():
        context = contexts.get(context_name)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = context_name
            contexts[context_name] = context
        existing = {m.findtext("source"): m for m in context.iter("message")}
        for source, text in messages.items():
            message = existing.get(source)
            if message is None:
                message = ET.SubElement(context, "message")
                ET.SubElement(message, "source").text = source
                ET.SubElement(message, "translation")
            translation = message.find("translation")
            translation.attrib.pop("type", None)
            translation.text = unicodedata.normalize("NFC", text)
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n"


def main(argv: list[str]) -> int:
    ts, table = Path(argv[0]), json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    ts.write_text(add(ts.read_text(encoding="utf-8"), table), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
