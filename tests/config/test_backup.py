"""`make backup` and `make restore`: a pg_dump of the database, restored into another database and over itself."""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from tests.factories import ProductFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump is not installed"),
]


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _make(target: str, url: str, **variables) -> subprocess.CompletedProcess:
    arguments = [f"{key}={value}" for key, value in variables.items()]
    return subprocess.run(
        ["make", "--no-print-directory", target, *arguments],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
    )


def _admin(sql: str) -> None:
    db = connection.settings_dict
    admin = psycopg2.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql)
    admin.close()


def _product_names(url: str) -> list[str]:
    with psycopg2.connect(url) as restored, restored.cursor() as cursor:
        cursor.execute("SELECT name FROM shops_product ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_and_over_a_changed_one(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump backs up PostgreSQL")
    ProductFactory(name="Libei tea")
    ProductFactory(name="Dinglou quilts")
    backup = _make("backup", _url(connection.settings_dict["NAME"]), BACKUP_DIR=tmp_path)
    assert backup.returncode == 0, backup.stderr
    dump = Path(backup.stdout.strip().splitlines()[-1])
    assert dump.parent == tmp_path and dump.stat().st_size > 0

    target = f"{connection.settings_dict['NAME']}_restore"
    _admin(f'DROP DATABASE IF EXISTS "{target}"')
    _admin(f'CREATE DATABASE "{target}"')
    try:
        restored = _make("restore", _url(target), BACKUP=dump)
        assert restored.returncode == 0, restored.stderr
        assert _product_names(_url(target)) == ["Libei tea", "Dinglou quilts"]
        # Over a database that changed since: the backup's state comes back, whole.
        with psycopg2.connect(_url(target)) as changed, changed.cursor() as cursor:
            cursor.execute("UPDATE shops_product SET name = 'sold off'")
        again = _make("restore", _url(target), BACKUP=dump)
        assert again.returncode == 0, again.stderr
        assert _product_names(_url(target)) == ["Libei tea", "Dinglou quilts"]
        with psycopg2.connect(_url(target)) as restored_db, restored_db.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert cursor.fetchone()[0] > 0  # the migration state travels with the data
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    result = _make("backup", "sqlite:///db.sqlite3", BACKUP_DIR=tmp_path)
    assert result.returncode != 0 and "PostgreSQL" in result.stdout
    assert not list(tmp_path.iterdir())
