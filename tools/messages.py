"""Keep the translations in step with the code: ``make messages`` (needs Babel, in the test extra).

    python tools/messages.py            extract the texts from the code (babel.cfg), merge them into
                                        every extractor/locale/<lang>/LC_MESSAGES/extractor.po (new texts
                                        untranslated, gone ones dropped), compile each .po to its .mo
    python tools/messages.py --check    exit 1 when a .po lacks a text of the code, has an untranslated
                                        or fuzzy one, or its .mo is not the compiled .po

The .po files are the source of the translations; the .mo files are committed
beside them, so that an install from a clean checkout has them. Nothing here
writes a date, so running it twice changes nothing.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "extractor" / "locale"
DOMAIN = "extractor"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)}


def code_catalog() -> Catalog:
    """Every translatable text of the code and the templates, as a template catalogue."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(ROOT / "babel.cfg"))
    catalog = Catalog(project=DOMAIN, fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def po_paths() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def read(path: Path) -> Catalog:
    with open(path, "rb") as fh:
        return read_po(fh, locale=path.parent.parent.name, domain=DOMAIN)


def po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, no_location=True, sort_output=True, width=100, omit_header=False,
             ignore_obsolete=True)
    return buf.getvalue()


#: the dates Babel writes into every header, fixed so that the same .po always compiles to the same .mo
FIXED_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)


def mo_bytes(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    buf = io.BytesIO()
    write_mo(buf, catalog)
    return buf.getvalue()


def _header(catalog: Catalog) -> bytes:
    """The .po header: what the file is, its language and plural rule; no dates, no placeholders."""
    return (
        "# {lang} texts of extractor: messages, help, views, the web page, sheet and table titles.\n"
        "# The source of the translations; `make messages` merges the code's texts in and compiles the .mo.\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: extractor\\n"\n'
        '"Language: {code}\\n"\n'
        '"Plural-Forms: {plural}\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Content-Type: text/plain; charset=utf-8\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n\n'
    ).format(lang=catalog.locale.english_name, code=catalog.locale, plural=catalog.plural_forms).encode("utf-8")


def _with_header(text: bytes, catalog: Catalog) -> bytes:
    """The .po text with the canonical header in place of the one the writer made."""
    start = text.index(b'msgid ""')
    end = text.index(b"\n\n", start) + 2
    return _header(catalog) + text[end:]


def problems() -> list[str]:
    """What is out of step: a text missing from a .po, untranslated, fuzzy, obsolete, or a stale .mo."""
    found: list[str] = []
    code = code_catalog()
    ids = {m.id if isinstance(m.id, str) else tuple(m.id) for m in code if m.id}
    for path in po_paths():
        catalog = read(path)
        have = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in catalog if m.id}
        for key in sorted(ids - set(have), key=str):
            found.append(f"{path}: not in the catalogue: {key!r}")
        for key in sorted(set(have) - ids, key=str):
            found.append(f"{path}: no longer in the code: {key!r}")
        for key, m in have.items():
            strings = [m.string] if isinstance(m.string, str) else list(m.string)
            if not all(strings):
                found.append(f"{path}: untranslated: {key!r}")
            if m.fuzzy:
                found.append(f"{path}: fuzzy: {key!r}")
        if not path.read_bytes().startswith(_header(catalog)):
            found.append(f"{path}: header is not the canonical one (run make messages)")
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != mo_bytes(catalog):
            found.append(f"{mo}: not the compiled {path.name} (run make messages)")
    return found


def update() -> None:
    code = code_catalog()
    for path in po_paths():
        catalog = read(path)
        catalog.update(code, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        path.write_bytes(_with_header(po_bytes(catalog), catalog))
        catalog = read(path)
        path.with_suffix(".mo").write_bytes(mo_bytes(catalog))
        untranslated = [m.id for m in catalog if m.id and not (m.string if isinstance(m.string, str) else all(m.string))]
        print(f"{path}: {len(catalog)} texts, {len(untranslated)} untranslated")


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        issues = problems()
        print("\n".join(issues) or "translations in step with the code")
        sys.exit(1 if issues else 0)
    update()
