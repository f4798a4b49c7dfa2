"""The error every warehouse module reports a user's problem with (no DuckDB import: the search
that answers from the index alone raises it too)."""


class WarehouseError(RuntimeError):
    """A problem with the database file, reported to the user in one line."""
