"""What the editor keeps in its database (``--data``): who may do what, and every proposed change.

A proposal's history is never edited: each step (proposed, approved, rejected, applied, built,
contacts checked) is a :class:`Event` that can be added but not changed or deleted; so is each
step of a translation (a text changed, a key reviewed), a :class:`TranslationStep`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Event", "Proposal", "Role", "TranslationStep"]


class Role(models.Model):
    COORDINATOR, EDITOR, TRANSLATOR = "coordinator", "editor", "translator"
    KINDS: ClassVar[list[tuple[str, Any]]] = [
        (COORDINATOR, _("coördinator")),
        (EDITOR, _("redacteur")),
        (TRANSLATOR, _("vertaler")),
    ]
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role")
    kind = models.CharField(_("rol"), max_length=20, choices=KINDS)
    regions = models.JSONField(_("regio's"), default=list, blank=True)
    languages = models.JSONField(_("talen"), default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.user.username}: {self.kind}"


class Proposal(models.Model):
    OPEN, APPROVED, REJECTED, APPLIED, REFUSED = "open", "approved", "rejected", "applied", "refused"
    STATES: ClassVar[list[tuple[str, Any]]] = [
        (OPEN, _("wacht op goedkeuring")),
        (APPLIED, _("doorgevoerd")),
        (REJECTED, _("afgewezen")),
        (REFUSED, _("niet doorgevoerd")),
    ]
    BUILD_NONE, BUILD_RUNNING, BUILD_OK, BUILD_FAILED = "", "running", "ok", "failed"

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    created = models.DateTimeField(auto_now_add=True)
    region = models.CharField(max_length=100, db_index=True)
    base_digest = models.CharField(max_length=64)  # sha256 of the region file the change was made against
    data = models.JSONField()  # the proposed region data (the form's fields)
    text = models.TextField()  # the region file as it will be written
    diff = models.JSONField(default=list)  # [{"field": ..., "old": ..., "new": ...}], readable
    needs_approval = models.BooleanField(default=True)
    logo_name = models.CharField(max_length=100, blank=True)
    logo = models.BinaryField(blank=True, default=b"")
    state = models.CharField(max_length=20, choices=STATES, default=OPEN)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    build_state = models.CharField(max_length=20, blank=True, default=BUILD_NONE)
    build_message = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-created"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.region} ({self.state})"


class AppendOnly(models.Model):
    """History: a row is added, never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("history is never edited")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("history is never deleted")


class Event(AppendOnly):
    """One step in a region's history."""

    region = models.CharField(max_length=100, db_index=True)
    when = models.DateTimeField(auto_now_add=True)
    who = models.CharField(max_length=150)
    what = models.CharField(max_length=40)  # proposed, approved, rejected, refused, applied, built, build-failed, checked
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    text = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-when", "-pk"]


class TranslationStep(AppendOnly):
    """One step in a translated string's history: its text changed, or it was reviewed. ``text``
    is the digest of the translation after the step, so the page knows whose text a key now
    shows (a reviewer must be someone else)."""

    TRANSLATED, REVIEWED = "translated", "reviewed"
    lang = models.CharField(max_length=10, db_index=True)
    file = models.CharField(max_length=200)  # relative to sources/: content/pl.yaml, regions/utrecht.yaml
    key = models.CharField(max_length=300)
    when = models.DateTimeField(auto_now_add=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="translation_steps")
    who = models.CharField(max_length=150)  # the name as it was when the step was taken
    what = models.CharField(max_length=20)
    nl = models.TextField()  # the Dutch the step was taken against
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)
    text = models.CharField(max_length=12)
    commit = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-when", "-pk"]
        indexes: ClassVar[list[Any]] = [models.Index(fields=["lang", "file", "key"])]

    @property
    def where(self) -> str:
        return f"{self.file}: {self.key}"
