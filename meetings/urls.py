from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.create, name="create"),
    path("calendar/", views.my_calendar, name="my_calendar"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path("series/<int:pk>/", views.series, name="series"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
    path("<int:pk>/meeting.ics", views.calendar_file, name="ics"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/notes/", views.notes, name="notes"),
    path("<int:pk>/notes/write/", views.notes_edit, name="notes_edit"),
    path("<int:pk>/questions/", views.ask_question, name="ask_question"),
    path("<int:pk>/questions/<int:question_id>/", views.answer_question, name="answer_question"),
]
