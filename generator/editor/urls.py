"""The editor's addresses (the README's contract: /, /regions/<id>/, /regions/<id>/history/, /regions/<id>/download.zip,
/translations/, /translations/<lang>/)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth
from django.contrib.staticfiles.views import serve
from django.urls import path, re_path

from generator.editor import translation_views, views

REGION = r"^regions/(?P<region>[a-z0-9]+(?:-[a-z0-9]+)*)/"  # a region id exactly; anything else is no page
LANG = r"^translations/(?P<lang>[a-z]{2,3})/"  # a language code exactly

admin.site.site_header = "drukwerk: accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("login/", auth.LoginView.as_view(template_name="editor/login.html", redirect_authenticated_user=True), name="login"),
    path("logout/", auth.LogoutView.as_view(next_page="login"), name="logout"),
    path("build/", views.build_all, name="build_all"),
    re_path(REGION + r"$", views.region_page, name="region"),
    re_path(REGION + r"history/$", views.history, name="history"),
    re_path(REGION + r"proposals/(?P<number>[0-9]+)/$", views.proposal_page, name="proposal"),
    re_path(REGION + r"preview/(?P<product>[a-z-]+)\.png$", views.preview_png, name="preview"),
    re_path(REGION + r"download\.zip$", views.download, name="download"),
    re_path(REGION + r"web\.zip$", views.download_web, name="download_web"),
    path("translations/", translation_views.languages_page, name="translations"),
    re_path(LANG + r"$", translation_views.language_page, name="translation_language"),
    re_path(LANG + r"key/$", translation_views.key_page, name="translation_key"),
    re_path(LANG + r"history/$", translation_views.language_history, name="translation_history"),
    re_path(
        LANG + r"preview/(?P<region>[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<product>[a-z-]+)-(?P<page>[0-9]{1,2})\.png$",
        translation_views.preview_png,
        name="translation_preview",
    ),
    path("admin/", admin.site.urls),
    re_path(r"^static/(?P<path>.+)$", serve, {"insecure": True}),  # a few files of our own and the admin's
]
