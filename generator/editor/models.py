"""What the editor keeps in its database (``--data``): who may do what, and every proposed change.

A proposal's history is never edited: each step (proposed, approved, rejected, applied, built,
contacts checked) is a :class:`Event` that can be added but not changed or deleted.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Event", "Proposal", "Role"]


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


class Event(models.Model):
    """One step in a region's history. Added, never changed or deleted."""

    region = models.CharField(max_length=100, db_index=True)
    when = models.DateTimeField(auto_now_add=True)
    who = models.CharField(max_length=150)
    what = models.CharField(max_length=40)  # proposed, approved, rejected, refused, applied, built, build-failed, checked
    proposal = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    text = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar[list[str]] = ["-when", "-pk"]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("history is never edited")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValueError("history is never deleted")
