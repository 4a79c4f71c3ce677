"""A request refused with an HTTP status, a stable error code and a reason a person can act on."""

from django.http import JsonResponse


class Rejected(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message

    def response(self) -> JsonResponse:
        # Saleor shows `error.message` as the reason of a failed installation.
        return JsonResponse({"error": {"code": self.code, "message": self.message}}, status=self.status)
