"""The editor as a Django application."""

from __future__ import annotations

from django.apps import AppConfig


class EditorConfig(AppConfig):
    name = "generator.editor"
    label = "editor"
    verbose_name = "Regionale editor"
    default_auto_field = "django.db.models.BigAutoField"
