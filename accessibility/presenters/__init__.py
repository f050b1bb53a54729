"""Presenters: one per screen, each building that screen's scan model from the core's state."""
