"""Copy the uploads on this host's disk (MEDIA_ROOT) into the bucket, keeping their names, so that the rows
pointing at them stay as they are. Idempotent: a file already in the bucket with the same size is skipped, so
an interrupted move is finished by running it again. MEDIA_ROOT/private/ goes to the private storage.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError

from core.storage import PRIVATE_DIRECTORY


class Command(BaseCommand):
    help = "Copy uploads from MEDIA_ROOT into the bucket (STORAGE_BUCKET), keeping names; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--delete-local", action="store_true", help="remove each local file once it is in the bucket"
        )
        parser.add_argument("--dry-run", action="store_true", help="only say what would be copied")

    def handle(self, *args, delete_local: bool, dry_run: bool, **options):
        targets = {alias: storages[alias] for alias in ("default", "private")}
        if any(isinstance(storage, FileSystemStorage) for storage in targets.values()):
            raise CommandError("Uploads are on the local disk: set STORAGE_BUCKET (and its endpoint and keys) first.")
        root = Path(settings.MEDIA_ROOT)
        if not root.is_dir():
            self.stdout.write(f"Nothing to move: {root} does not exist.")
            return
        counts = {"copied": 0, "skipped": 0}
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
            relative = path.relative_to(root).as_posix()
            if relative.startswith(f"{PRIVATE_DIRECTORY}/"):
                alias, name = "private", relative[len(PRIVATE_DIRECTORY) + 1 :]
            else:
                alias, name = "default", relative
            target = targets[alias]
            if target.exists(name) and target.size(name) == path.stat().st_size:
                counts["skipped"] += 1
            else:
                counts["copied"] += 1
                self.stdout.write(f"{alias}: {name}")
                if not dry_run:
                    with path.open("rb") as handle:
                        # _save, not save: save() would pick a free name beside a partial copy; the rows need this one.
                        saved = target._save(name, File(handle, name=name))
                    if saved != name:
                        raise CommandError(f"{name} was stored as {saved}: refusing to change names")
            if delete_local and not dry_run:
                path.unlink()
        verb = "would copy" if dry_run else "copied"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {counts['copied']} file(s), {counts['skipped']} already in the bucket")
        )
