"""Small widgets the pages and dialogs share."""
