"""Demo data for insights (called by `manage.py seed_demo`; must be idempotent)."""


def seed(*, quiet: bool = False) -> None:
    pass
