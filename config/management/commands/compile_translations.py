"""Compile the translation catalogues in pure Python (Babel), so a fresh machine without GNU gettext
still serves the translations.

The catalogues are split into part files, locale/<lang>/LC_MESSAGES/<part>.po (core, shops, orders,
training, ...). Django reads one domain, "django", so every part of a language is merged into ONE
locale/<lang>/LC_MESSAGES/django.mo: the first translation of a msgid wins (parts read in name order),
fuzzy and untranslated entries are ignored. A language is recompiled when any part is newer than its .mo."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def merged_catalog(po_paths: list[Path], locale: str) -> Catalog:
    """One catalogue holding the first non-fuzzy translation of every msgid found in the parts."""
    merged = Catalog(locale=locale)
    for index, po_path in enumerate(po_paths):
        with po_path.open("rb") as po_file:
            part = read_po(po_file, locale=locale)
        if index == 0:
            # The plural rule the translations were written for, not the installed Babel's: Babel 2.19 (CLDR 46)
            # gives French three forms, and a .mo with that rule shows English for the parts' two-form plurals.
            merged.mime_headers = [("Plural-Forms", part.plural_forms)]
        for message in part:
            if not message.id or message.fuzzy or not message.string:
                continue
            if isinstance(message.string, tuple) and not all(message.string):
                continue
            if merged.get(message.id, context=message.context) is not None:
                continue
            merged.add(message.id, message.string, context=message.context)
    return merged


class Command(BaseCommand):
    help = "Merge the part catalogues locale/<lang>/LC_MESSAGES/*.po and compile them to django.mo."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="recompile even if django.mo is up to date")

    def handle(self, *args, force=False, **options):
        compiled = 0
        for locale_dir in map(Path, settings.LOCALE_PATHS):
            for messages_dir in sorted(locale_dir.glob("*/LC_MESSAGES")):
                po_paths = sorted(p for p in messages_dir.glob("*.po") if p.name != "django.po")
                if not po_paths:
                    continue
                mo_path = messages_dir / "django.mo"
                newest = max(p.stat().st_mtime for p in po_paths)
                if not force and mo_path.exists() and mo_path.stat().st_mtime >= newest:
                    continue
                catalog = merged_catalog(po_paths, locale=messages_dir.parent.name)
                with mo_path.open("wb") as mo_file:
                    write_mo(mo_file, catalog, use_fuzzy=False)
                compiled += 1
                self.stdout.write(f"{messages_dir.parent.name}: {len(catalog)} message(s) from {len(po_paths)} part(s)")
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
