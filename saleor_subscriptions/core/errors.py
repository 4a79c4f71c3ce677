"""Refused input, named the way our GraphQL API reports it: {field, code, message}."""


class InputError(Exception):
    def __init__(self, field: str | None, code: str, message: str):
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
