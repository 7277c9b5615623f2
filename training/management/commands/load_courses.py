"""Load (or refresh) the seed course catalogue in every language available: 9 courses each. Safe to run again."""

from django.core.management.base import BaseCommand

from training.services import catalogue_load_all, seed_catalogues


class Command(BaseCommand):
    help = "Create or update the seed training courses (English and every translation present; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--draft", action="store_true", help="leave the courses unpublished")

    def handle(self, *args, draft: bool = False, **options):
        courses = catalogue_load_all(publish=not draft)
        catalogues = seed_catalogues()
        lessons = sum(len(course["lessons"]) for _language, data in catalogues for course in data)
        languages = ", ".join(language for language, _data in catalogues)
        self.stdout.write(self.style.SUCCESS(f"{len(courses)} courses, {lessons} lessons loaded ({languages})."))
