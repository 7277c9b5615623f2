"""Run the periodic tasks (settings.CELERY_BEAT_SCHEDULE) in this process, for `make run` without a broker.

With no CELERY_BROKER_URL, tasks run in-process and there is no beat: nothing would cancel an order left
unpaid for 30 minutes, accrue loans or take the nightly scores. This loop checks the schedule every
`--interval` seconds and runs each task that is due, the way `celery beat` + a worker would. With a broker
configured, run `make worker` and `make beat` instead (this command then exits, so tasks never run twice)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from config.celery import app


class Command(BaseCommand):
    help = "Run the Celery beat schedule in-process (development without a broker)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="seconds between two looks at the schedule")
        parser.add_argument("--once", action="store_true", help="run what is due once and stop (tests)")

    def handle(self, *args, interval: float, once: bool, **options):
        if settings.CELERY_BROKER_URL:
            self.stdout.write("A Celery broker is configured: run `make worker` and `make beat` for periodic tasks.")
            return
        started = timezone.now()
        last_run = dict.fromkeys(settings.CELERY_BEAT_SCHEDULE, started)
        self.stdout.write(f"Periodic tasks in-process: {', '.join(sorted(settings.CELERY_BEAT_SCHEDULE))}")
        while True:
            self.run_due(last_run)
            if once:
                return
            time.sleep(interval)

    def run_due(self, last_run: dict) -> list[str]:
        app.loader.import_default_modules()  # the apps' tasks modules (autodiscovered), as a worker does at start
        ran = []
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
            schedule = entry["schedule"]
            due, _next = schedule.is_due(last_run[name]) if hasattr(schedule, "is_due") else (False, None)
            if not due:
                continue
            last_run[name] = timezone.now()
            try:
                app.tasks[entry["task"]].apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
            except Exception as error:  # one failing task must not stop the others, as under celery beat
                self.stderr.write(f"{name}: {error!r}")
            else:
                ran.append(name)
                self.stdout.write(f"{timezone.localtime():%H:%M:%S} ran {name}")
        return ran
