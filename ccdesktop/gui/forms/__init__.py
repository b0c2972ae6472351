"""What the window's forms do with what is typed, without Qt (tested without widgets)."""
