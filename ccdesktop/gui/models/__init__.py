"""Qt table models over the session's records (model/view, never table widgets)."""
