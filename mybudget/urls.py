from django.urls import path

from . import views

app_name = "mybudget"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.budget_new, name="budget_new"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<int:share_id>/stop/", views.share_end, name="share_end"),
    path("sharing/<int:share_id>/accept/", views.share_accept, name="share_accept"),
    path("group-shares/<int:share_id>/", views.pool_share_choose, name="pool_share_choose"),
    path("timelines/new/", views.timeline_new, name="timeline_new"),
    path("timelines/<int:pk>/", views.timeline, name="timeline"),
    path("timelines/<int:pk>/letter/<slug:kind>/", views.letter, name="letter"),
    path("timelines/<int:pk>/letter/<slug:kind>.pdf", views.letter_pdf, name="letter_pdf"),
    path("<int:pk>/", views.budget, name="budget"),
    path("<int:pk>/edit/", views.budget_edit, name="budget_edit"),
    path("<int:pk>/lines/new/", views.line_new, name="line_new"),
    path("<int:pk>/lines/<int:line_id>/delete/", views.line_delete, name="line_delete"),
    path("<int:pk>/lines/<int:line_id>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/repeating/new/", views.repeating_new, name="repeating_new"),
    path("<int:pk>/repeating/<int:line_id>/stop/", views.repeating_stop, name="repeating_stop"),
    path("<int:pk>/statement/", views.statement, name="statement"),
    path("<int:pk>/statement.pdf", views.statement_pdf, name="statement_pdf"),
    path("<int:pk>/statement.csv", views.statement_csv, name="statement_csv"),
]
