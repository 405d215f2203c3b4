from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import health, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("site-address.css", views.site_address_css, name="site_address_css"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The language switcher posts here (Django's set_language), with no JavaScript needed.
    path("i18n/", include("django.conf.urls.i18n")),
]

# Everything people read, in each language: English without a prefix, so every address stays as
# it was; /pl/... and /ro/... for the others.
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/read-all/", views.notifications_mark_all_read, name="notifications_read_all"
    ),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("report/<int:content_type_id>/<str:object_id>/", views.report_content, name="report"),
    path("search/", include("search.urls")),
    path("register/", include("pa_register.urls")),
    path("forum/", include("forum.urls")),
    path("pools/", include("pooling.urls")),
    path("meetings/", include("meetings.urls")),
    path("directory/", include("directory.urls")),
    path("my-budget/", include("mybudget.urls")),
    path("hiring/", include("hiring.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail serves the page tree (home, guides, glossary, standard pages) last.
urlpatterns += i18n_patterns(path("", include(wagtail_urls)), prefix_default_language=False)

handler404 = "pbsite.errors.page_not_found"
handler500 = "pbsite.errors.server_error"
handler403 = "pbsite.errors.permission_denied"
