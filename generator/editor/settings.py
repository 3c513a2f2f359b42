"""Django's settings, made in code from the command's arguments: nobody has to write a settings
file. SQLite in ``--data``; Argon2 first; django-axes throttles failed logins; cookies HttpOnly and
SameSite=Lax, Secure when the server listens beyond this machine (then it must sit behind HTTPS)."""

from __future__ import annotations

import ipaddress
import secrets
from pathlib import Path
from typing import Any

__all__ = ["is_loopback", "settings_for", "setup"]

HERE = Path(__file__).resolve().parent


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _secret(data: Path) -> str:
    """A secret key kept in --data (made once, readable only by its owner)."""
    path = data / "secret-key"
    if not path.is_file():
        data.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def settings_for(data: Path, host: str = "127.0.0.1", public_url: str = "", testing: bool = False) -> dict[str, Any]:
    secure = not is_loopback(host) or public_url.startswith("https://")
    hosts = ["localhost", "127.0.0.1", "[::1]", "testserver"] if is_loopback(host) else ["*"]
    origins: list[str] = []
    if public_url:
        from urllib.parse import urlsplit

        parts = urlsplit(public_url)
        hosts = [parts.hostname or "", *hosts] if is_loopback(host) else [parts.hostname or ""]
        origins = [f"{parts.scheme}://{parts.netloc}"]
    return {
        "DEBUG": False,
        "SECRET_KEY": _secret(data),
        "ALLOWED_HOSTS": hosts,
        "CSRF_TRUSTED_ORIGINS": origins,
        "INSTALLED_APPS": [
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "axes",
            "generator.editor.apps.EditorConfig",
        ],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "generator.editor.headers.SecurityHeaders",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "axes.middleware.AxesMiddleware",  # last, as django-axes asks
        ],
        "AUTHENTICATION_BACKENDS": ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"],
        "PASSWORD_HASHERS": [
            "django.contrib.auth.hashers.Argon2PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ],
        "AUTH_PASSWORD_VALIDATORS": [
            {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        ],
        "ROOT_URLCONF": "generator.editor.urls",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        "DATABASES": {
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data / "editor.sqlite3"), "OPTIONS": {"timeout": 20}}
        },
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        # Dutch first: the interface's own strings are Dutch (its source language); no Accept-Language
        # switching until an English catalogue exists (a page marked lang="en" would be read out wrongly)
        "LANGUAGE_CODE": "nl",
        "LANGUAGES": [("nl", "Nederlands"), ("en", "English")],
        "LOCALE_PATHS": [str(HERE / "locale")],
        "USE_I18N": True,
        "USE_TZ": True,
        "TIME_ZONE": "Europe/Amsterdam",
        "STATIC_URL": "/static/",
        "LOGIN_URL": "/login/",
        "LOGIN_REDIRECT_URL": "/",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "SESSION_COOKIE_AGE": 8 * 3600,  # a working day
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": secure,
        "CSRF_FAILURE_VIEW": "generator.editor.views.csrf_failure",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https") if not is_loopback(host) else None,
        "X_FRAME_OPTIONS": "DENY",
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 3_000_000,
        "FILE_UPLOAD_MAX_MEMORY_SIZE": 3_000_000,
        "AXES_FAILURE_LIMIT": 5,
        "AXES_COOLOFF_TIME": 0.25,  # hours: a quarter of an hour after five wrong passwords
        "AXES_LOCKOUT_PARAMETERS": [["username", "ip_address"]],
        "AXES_RESET_ON_SUCCESS": True,
        "AXES_LOCKOUT_TEMPLATE": "editor/locked.html",
        "AXES_VERBOSE": False,
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"console": {"class": "logging.StreamHandler"}},
            "loggers": {"django": {"handlers": ["console"], "level": "WARNING" if not testing else "ERROR"}},
        },
    }


def setup(data: Path, host: str = "127.0.0.1", public_url: str = "", testing: bool = False) -> None:
    """Configure Django once for this process and apply the migrations (SQLite in ``data``)."""
    import django
    from django.conf import settings

    if not settings.configured:
        data.mkdir(parents=True, exist_ok=True)
        settings.configure(**settings_for(data, host, public_url, testing))
        django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
