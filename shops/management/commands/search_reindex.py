"""Write every product's search fields again (after a pinyin dictionary upgrade or rows written around the ORM)."""

from django.core.management.base import BaseCommand

from shops import services


class Command(BaseCommand):
    help = "Recompute every product's search fields (pinyin, initials, folded text), a chunk per transaction."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2_000)

    def handle(self, *args, chunk_size: int, **options):
        changed = services.product_search_fields_refresh(chunk_size=chunk_size)
        self.stdout.write(f"{changed} products' search fields rewritten.")
