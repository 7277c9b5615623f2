"""Attack campaigns against the trust score, the loans and the certification figures, run as an attacker would:
through the real API, on PostgreSQL."""
