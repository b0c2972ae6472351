"""Dialogs that add and edit records."""
