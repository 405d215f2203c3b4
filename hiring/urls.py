from django.urls import path

from . import views

app_name = "hiring"
urlpatterns = [
    path("", views.index, name="index"),
    path("checklist/", views.checklist, name="checklist"),
    path("advert/<int:pk>/", views.kit, name="kit"),
    path("advert/<int:pk>/status/", views.status_check, name="status_check"),
    path("advert/<int:pk>/<slug:slug>/", views.document, name="document"),
    path("advert/<int:pk>/<slug:slug>.pdf", views.document_pdf, name="document_pdf"),
    path("replies/<int:response_pk>/interview/", views.propose, name="propose"),
    path("interviews/<int:pk>/", views.interview, name="interview"),
    path("interviews/<int:pk>/pick/", views.pick, name="pick"),
    path("interviews/<int:pk>/supporter/", views.supporter, name="supporter"),
    path("interviews/<int:pk>/decision/", views.decide, name="decide"),
    path("interviews/<int:pk>/answer/", views.answer, name="answer"),
    path("interviews/<int:pk>/interview.ics", views.calendar_file, name="ics"),
]
