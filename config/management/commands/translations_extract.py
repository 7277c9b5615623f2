"""Refresh the part catalogues locale/<lang>/LC_MESSAGES/<part>.po from the source code.

Runs Django's makemessages (needs GNU gettext) into a temporary directory, then gives every entry to
the part owning its first source reference (PARTS, by path prefix; anything else goes to "core"),
keeps the existing translations of every part (merged by msgid and context, from any part, so an
entry that moves between parts keeps its translation) and leaves new entries untranslated.
No django.po is written into locale/: compile_translations merges the parts into django.mo."""

import contextlib
import io
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.translation import to_locale

# Part name -> source path prefixes (relative to the project root). First match wins.
PARTS: dict[str, tuple[str, ...]] = {
    "shops": ("shops/", "templates/shops/"),
    "orders": ("orders/", "templates/orders/"),
    "training": ("training/", "templates/training/"),
    "certification": ("certification/", "templates/certification/"),
    "credit": ("credit/", "templates/credit/"),
    "insights": ("insights/", "templates/insights/"),
    "notifications": ("notifications/", "templates/notifications/"),
    "logistics": ("logistics/", "templates/logistics/"),
    "promotions": ("promotions/", "templates/promotions/"),
    "traceability": ("traceability/", "templates/traceability/"),
    # core, config, accounts, villages and the project-wide templates (base, partials, home, ...).
    "core": ("",),
}
# "locale" too: makemessages would otherwise write into any locale/ directory it walks through.
IGNORED = [
    "locale",
    ".venv",
    "venv",
    "tests",
    "bench",
    "node_modules",
    "staticfiles",
    "media",
    "test-artifacts",
    "*.egg-info",
]


def languages() -> list[str]:
    """Locale names of the translated languages (settings.LANGUAGES except the source language)."""
    return [to_locale(code) for code, _name in settings.LANGUAGES if code != "en"]


def part_for(path: str) -> str:
    path = path.replace("\\", "/").removeprefix("./")
    for part, prefixes in PARTS.items():
        if any(path.startswith(prefix) for prefix in prefixes):
            return part
    return "core"


def extract() -> dict[str, Catalog]:
    """Run makemessages into a temporary directory; return the extracted catalogue per locale."""
    result = {}
    # makemessages writes a file's strings to the first LOCALE_PATHS entry whose parent holds the file:
    # the temporary directory must therefore sit in the project root (hidden: makemessages skips it).
    root = Path(settings.BASE_DIR)
    with tempfile.TemporaryDirectory(dir=root, prefix=".translations-") as tmp, override_settings(LOCALE_PATHS=[tmp]):
        call_command(
            "makemessages",
            locale=languages(),
            ignore_patterns=IGNORED,
            add_location="file",
            no_obsolete=True,
            verbosity=0,
        )
        for locale in languages():
            po_path = Path(tmp) / locale / "LC_MESSAGES" / "django.po"
            # makemessages writes two msgstr[] for plurals whatever the language; Babel warns on stdout.
            with po_path.open("rb") as po_file, contextlib.redirect_stdout(io.StringIO()):
                result[locale] = read_po(po_file, locale=locale)
    return result


def is_untranslated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and (message.fuzzy or not all(strings))


def read_parts(messages_dir: Path, locale: str) -> dict[str, Catalog]:
    parts = {}
    for po_path in sorted(messages_dir.glob("*.po")):
        if po_path.name == "django.po":
            continue
        with po_path.open("rb") as po_file:
            parts[po_path.stem] = read_po(po_file, locale=locale)
    return parts


# gettext's plural rules, as Django's own catalogues have them. Babel 2.19's CLDR data gives French a third form
# ("many": un million de ...), which Django's French catalogues do not have; written into our catalogues, every
# French plural lost its translation (msgstr[2] empty) and the header disagreed with Django's.
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}


def new_catalog(locale: str, part: str) -> Catalog:
    catalog = Catalog(
        locale=locale,
        project="Taocun",
        version=part,
        msgid_bugs_address="",
        copyright_holder="Taocun",
        charset="utf-8",
        fuzzy=False,
    )
    if locale in PLURAL_FORMS:
        catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[locale])]
    return catalog


def split_and_merge(extracted: Catalog, existing: dict[str, Catalog], locale: str) -> dict[str, Catalog]:
    """The new part catalogues: extracted entries by owner, existing non-fuzzy translations kept."""

    def translation_of(message):
        owner_first = sorted(existing.items(), key=lambda item: item[0] != part)
        for _name, catalog in owner_first:
            old = catalog.get(message.id, context=message.context)
            if old is not None and old.string and not old.fuzzy:
                return old.string, old.auto_comments, old.user_comments
        return None

    parts: dict[str, Catalog] = {}
    for message in extracted:
        if not message.id:
            continue
        first = message.locations[0][0] if message.locations else ""
        part = part_for(first)
        catalog = parts.setdefault(part, new_catalog(locale, part))
        found = translation_of(message)
        empty = ("",) * catalog.num_plurals if isinstance(message.id, tuple) else ""
        string = found[0] if found else empty
        catalog.add(
            message.id,
            string,
            locations=message.locations,
            flags=[flag for flag in message.flags if flag != "fuzzy"],
            auto_comments=message.auto_comments,
            user_comments=found[2] if found else [],
            context=message.context,
        )
    return parts


class Command(BaseCommand):
    help = "Extract the translatable strings and refresh the part catalogues (locale/<lang>/LC_MESSAGES/<part>.po)."

    def add_arguments(self, parser):
        parser.add_argument("--part", action="append", help="only write these parts (default: all)")

    def handle(self, *args, part=None, **options):
        root = Path(settings.LOCALE_PATHS[0])
        for locale, extracted in extract().items():
            messages_dir = root / locale / "LC_MESSAGES"
            messages_dir.mkdir(parents=True, exist_ok=True)
            parts = split_and_merge(extracted, read_parts(messages_dir, locale), locale)
            for name, catalog in sorted(parts.items()):
                if part and name not in part:
                    continue
                with (messages_dir / f"{name}.po").open("wb") as po_file:
                    write_po(po_file, catalog, width=120, include_previous=False)
                untranslated = sum(1 for message in catalog if is_untranslated(message))
                self.stdout.write(f"{locale}/{name}.po: {len(catalog)} entries, {untranslated} untranslated")
            (messages_dir / "django.po").unlink(missing_ok=True)
