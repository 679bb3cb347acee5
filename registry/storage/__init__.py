"""Where the registry lives: the schema (models.py), its migrations, ORM sessions (db.py) and
plain SQL reading (rows.py), with the messages the secretariat sees when a registry cannot be opened."""
