"""Load (or refresh) the seed course catalogue in every language available: 9 courses each. Safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from training.catalogue import CatalogueError
from training.services import catalogue_load_all, seed_catalogues


class Command(BaseCommand):
    help = "Create or update the seed training courses (English and every translation present; idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--draft", action="store_true", help="leave the courses unpublished")

    def handle(self, *args, draft: bool = False, **options):
        try:
            catalogues = seed_catalogues()  # read and checked whole first: a broken file loads nothing
            courses = catalogue_load_all(publish=not draft)
        except CatalogueError as error:
            raise CommandError(f"The course catalogue has an error, nothing was loaded: {error}") from error
        lessons = sum(len(course["lessons"]) for _language, data in catalogues for course in data)
        languages = ", ".join(language for language, _data in catalogues)
        self.stdout.write(self.style.SUCCESS(f"{len(courses)} courses, {lessons} lessons loaded ({languages})."))
