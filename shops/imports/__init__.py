"""Bulk listing from a spreadsheet (issue 22): template, dry run, confirmed import by a Celery task, report, photos
by zip. `columns` says what a sheet holds, `sheets` reads and writes the files, `services` holds the use cases."""
