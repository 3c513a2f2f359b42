"""Response headers for every page: a Content-Security-Policy that allows no inline script (the
editor has none) and nothing from elsewhere. X-Frame-Options and Referrer-Policy come from
Django's own middleware (settings.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

__all__ = ["CSP", "SecurityHeaders"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


class SecurityHeaders:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if request.path.startswith(("/regions/", "/translations/")) or request.path == "/":
            response.headers.setdefault("Cache-Control", "no-store")  # contact data, unreleased texts, previews: never cached
        return response
