from django.urls import path

from . import views

app_name = "pooling"
urlpatterns = [
    path("", views.board, name="board"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/agreement/", views.agreement, name="agreement"),
    path("<int:pk>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
    path("<int:pk>/agreement/employer/", views.pa_employment, name="pa_employment"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/transfer/", views.transfer, name="transfer"),
    path("<int:pk>/decisions/", views.decisions, name="decisions"),
    path("<int:pk>/decisions/<int:proposal_id>/vote/", views.cast_vote, name="vote"),
    path("<int:pk>/record/", views.record, name="record"),
    path("<int:pk>/record.csv", views.record_csv, name="record_csv"),
    path("quotes/ask/", views.quote_request, name="quote_request"),
    path("quotes/<int:quote_id>/", views.quote_answer, name="quote_answer"),
    path("<int:pk>/<slug:action>/", views.coordinate, name="coordinate"),
]
