from django.conf import settings
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
]

if settings.DEBUG:
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]

# Wagtail serves the page tree (home, guides, glossary, standard pages) last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "pbsite.errors.page_not_found"
handler500 = "pbsite.errors.server_error"
handler403 = "pbsite.errors.permission_denied"
