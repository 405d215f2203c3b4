from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("settings/", views.settings_view, name="settings"),
    path("export/", views.export_view, name="export"),
    path("delete/", views.delete_view, name="delete"),
    path("deleted/", views.deleted_view, name="deleted"),
]
