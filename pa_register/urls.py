from django.urls import path
from django.views.generic import RedirectView

from . import (
    advert_views,
    check_views,
    endorsement_views,
    profile_views,
    vetting_views,
    views,
)

app_name = "pa_register"

urlpatterns = [
    path("", views.find_pa, name="find"),
    path("pa/<int:pk>/", views.profile_detail, name="profile"),
    path("pa/<int:pk>/contact/", views.contact_pa, name="contact"),
    path("profile/", profile_views.edit_profile, name="edit_profile"),
    path("profile/confirm/", profile_views.confirm_profile, name="confirm_profile"),
    path("profile/pause/", profile_views.pause_profile, name="pause_profile"),
    path("profile/checks/", check_views.my_checks, name="my_checks"),
    path("profile/checks/<int:pk>/", check_views.edit_check, name="edit_check"),
    path("profile/references/", vetting_views.my_references, name="my_references"),
    path(
        "profile/references/<int:pk>/remove/",
        vetting_views.remove_referee,
        name="remove_referee",
    ),
    path(
        "profile/references/share/<int:user_pk>/",
        vetting_views.share_references,
        name="share_references",
    ),
    path(
        "profile/references/withdraw/<int:user_pk>/",
        vetting_views.withdraw_references,
        name="withdraw_references",
    ),
    path("profile/right-to-work/", vetting_views.right_to_work_ready, name="right_to_work_ready"),
    path("pa/<int:pk>/references/", vetting_views.read_references, name="read_references"),
    path("reference/<str:token>/", vetting_views.give_reference, name="give_reference"),
    path("code-of-conduct/", vetting_views.code_of_conduct, name="code_of_conduct"),
    path("right-to-work/", vetting_views.right_to_work, name="right_to_work"),
    # The moderators' queues moved into the Wagtail admin (pa_register/queue_admin.py).
    path("checks/", RedirectView.as_view(pattern_name="pa_checks:index", permanent=True)),
    path("checks/<int:pk>/evidence/", check_views.check_evidence, name="check_evidence"),
    path("wanted/", advert_views.advert_list, name="adverts"),
    path("wanted/new/", advert_views.advert_form, name="advert_new"),
    path("wanted/<int:pk>/", advert_views.advert_detail, name="advert"),
    path("wanted/<int:pk>/edit/", advert_views.advert_form, name="advert_edit"),
    path("wanted/<int:pk>/close/", advert_views.advert_close, name="advert_close"),
    path("wanted/<int:pk>/respond/", advert_views.advert_respond, name="advert_respond"),
    path(
        "wanted/<int:pk>/responses/<int:response_pk>/shortlist/",
        advert_views.advert_shortlist,
        name="advert_shortlist",
    ),
    path("saved/", views.saved_search_list, name="saved_searches"),
    path("saved/<int:pk>/delete/", views.saved_search_delete, name="saved_search_delete"),
    path("pa/<int:pk>/worked-together/", endorsement_views.worked_together, name="worked_together"),
    path(
        "profile/worked-together/<int:link_pk>/confirm/",
        endorsement_views.confirm_worked_together,
        name="confirm_worked_together",
    ),
    path("pa/<int:pk>/endorse/", endorsement_views.endorse, name="endorse"),
    path(
        "endorsements/",
        RedirectView.as_view(pattern_name="pa_endorsements:index", permanent=True),
    ),
    path(
        "endorsements/<int:pk>/reply/",
        endorsement_views.endorsement_reply,
        name="endorsement_reply",
    ),
]
