"""Promotion offers (issue 23). Orders reference them; this app never imports orders."""
