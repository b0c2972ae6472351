"""The pages of the main window, in the order the navigation shows them.

Each page is a ``Page`` (see ``base.py``) built from the window's ``Session``.
"""
