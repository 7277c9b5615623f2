"""Logistics models: freight templates, carriers and tracking (added by the shipping work)."""
