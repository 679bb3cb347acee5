"""The registry's one exception type: a user's mistake, told plainly.

A RegistryError says what was wrong, where (a row, a field), and how to fix
it. The CLI prints it without a traceback and exits non-zero; anything else
that escapes is a bug in the registry, not the user's fault.
"""


class RegistryError(Exception):
    """Something the user asked for cannot be done; nothing was written."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class ValidationErrors(RegistryError):
    """Several mistakes found at once, e.g. in the rows of an import file."""

    def __init__(self, errors: list[RegistryError], *, what: str = "input"):
        self.errors = errors
        count = len(errors)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the {what}; nothing was written"
        )


class ContentError(RegistryError):
    """A problem in content/ (a reference to no entry, a missing outcome) that stops a site build."""
