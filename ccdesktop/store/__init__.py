"""The only SQL in ccdesktop: one SQLite file per center (see ``database.Database``)."""
