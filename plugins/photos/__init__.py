"""buildlog photos plugin (being written: see its issue)."""


def register() -> None:
    """Nothing yet."""
