# Taocun entry points. `make run` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.install-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test fuzz install migrate demo worker beat bench bench-small bench-national load load-proxy lint format check-deploy messages clean backup restore compose-smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when the dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

messages: install
	$(BIN)/python manage.py compile_translations

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# The periodic tasks (unpaid orders cancelled after 30 minutes, loans, nightly scores) run in-process beside the
# server when no broker is configured (manage.py run_periodic), and stop with it.
run: demo messages
	@echo "Taocun on http://$(HOST):$(PORT)/  (demo logins in README.md)"
	$(BIN)/python manage.py run_periodic & PERIODIC=$$!; trap 'kill $$PERIODIC 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Schemathesis against a live server with demo data, as every role (needs a PostgreSQL DATABASE_URL).
fuzz: install messages
	$(BIN)/python tests/fuzz/api_fuzz.py

worker: install
	$(BIN)/celery -A config worker --loglevel=info --concurrency=2

beat: install
	$(BIN)/celery -A config beat --loglevel=info --schedule=$(VENV)/celerybeat-schedule

bench: install
	$(BIN)/python -m bench $(BENCH_ARGS)

bench-small: install
	$(BIN)/python -m bench --scale small $(BENCH_ARGS)

# The national certification scenario alone: 500,000 villages, generated once into <DATABASE_URL>_national
# (12 GB, 26 minutes under load; BENCH_NATIONAL_REGENERATE=1 builds it again), then one run over it.
bench-national: install
	$(BIN)/python -m bench --only national $(BENCH_ARGS)

# Locust, 50 users for 5 minutes against gunicorn + PostgreSQL + Redis + a Celery worker on loopback.
load: install messages
	$(BIN)/python bench/load/run.py $(LOAD_ARGS)

# The same load through nginx (deploy/nginx/, Debian's nginx) in front of two gunicorn processes.
load-proxy: install messages
	$(BIN)/python bench/load/run.py --proxy $(LOAD_ARGS)

# Every docker-compose service's command run on this machine (no Docker engine needed): deploy/compose_smoke.py.
compose-smoke: install messages
	$(BIN)/python deploy/compose_smoke.py

# PostgreSQL backups with pg_dump's custom format (compressed, restorable table by table): docs/deployment.md.
BACKUP_DIR ?= backups
backup:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "make backup: set DATABASE_URL to a PostgreSQL database"; exit 2;; esac
	@mkdir -p $(BACKUP_DIR)
	@file=$(BACKUP_DIR)/taocun-$$(date -u +%Y%m%dT%H%M%SZ).dump; \
	pg_dump --format=custom --no-owner --no-privileges --file=$$file "$$DATABASE_URL" && echo "$$file"

# Replaces the contents of DATABASE_URL's database with the backup, in one transaction (stop web and workers first).
restore:
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) echo "make restore: set DATABASE_URL to a PostgreSQL database"; exit 2;; esac
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=$(BACKUP_DIR)/taocun-<date>.dump"; exit 2; }
	pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
		--dbname="$$DATABASE_URL" "$(BACKUP)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	# No real payment provider is wired in yet: the simulated one is allowed here as in the compose demo (without the
	# flag the check fails with core.E011, on purpose).
	DJANGO_DEBUG=0 DJANGO_SECRET_KEY=$$(openssl rand -hex 32) ALLOWED_HOSTS=taocun.example REDIS_URL=redis://127.0.0.1:6379/0 SMS_PROVIDER=aliyun \
		PAYMENT_PROVIDER_ALLOW_SIMULATED=1 $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media
