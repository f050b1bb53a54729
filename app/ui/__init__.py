"""Kivy widgets that draw the core's models (only ``app/`` imports Kivy)."""
