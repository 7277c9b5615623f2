"""Load (or refresh) the seed course catalogue: 9 courses, their lessons and quizzes. Safe to run again."""

from django.core.management.base import BaseCommand

from training.seed_catalogue import COURSES
from training.services import catalogue_load


class Command(BaseCommand):
    help = "Create or update the seed training courses from training/seed_catalogue.py (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--draft", action="store_true", help="leave the courses unpublished")

    def handle(self, *args, draft: bool = False, **options):
        courses = catalogue_load(courses=COURSES, publish=not draft)
        lessons = sum(len(course["lessons"]) for course in COURSES)
        self.stdout.write(self.style.SUCCESS(f"{len(courses)} courses, {lessons} lessons loaded."))
