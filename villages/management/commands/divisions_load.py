from django.core.management.base import BaseCommand

from villages.divisions import divisions_load


class Command(BaseCommand):
    help = "Load the national city and county divisions (villages/data/divisions/): adds and renames, never deletes."

    def handle(self, *args, **options):
        cities, districts = divisions_load()
        self.stdout.write(f"{cities} cities and {districts} counties or districts added or renamed.")
