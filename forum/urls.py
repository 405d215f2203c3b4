from django.urls import path

from . import adviser_views, buddy_views, views

app_name = "forum"

urlpatterns = [
    path("", views.forum_index, name="index"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("t/<int:pk>/", views.topic_detail, name="topic"),
    path("t/<int:pk>/watch/", views.watch_topic, name="watch"),
    path("new/", views.new_topic, name="new_topic"),
    path("p/<int:pk>/edit/", views.edit_post, name="edit_post"),
    path("p/<int:pk>/history/", views.post_history, name="post_history"),
    path("p/<int:pk>/solved/", views.mark_solved, name="mark_solved"),
    path("messages/", views.conversation_list, name="conversations"),
    path("messages/new/", views.conversation_new, name="conversation_new"),
    path("blocked/", views.blocked_list, name="blocked"),
    path("block/<int:user_id>/", views.block_person, name="block"),
    path("buddies/", buddy_views.buddy_home, name="buddies"),
    path("buddies/apply/", buddy_views.buddy_apply, name="buddy_apply"),
    path("buddies/unanswered/", buddy_views.unanswered, name="unanswered"),
    path("buddies/ask/", buddy_views.ask_for_buddy, name="buddy_ask"),
    path("buddies/requests/<int:pk>/", buddy_views.request_detail, name="buddy_request"),
    path("buddies/pairings/<int:pk>/", buddy_views.pairing_detail, name="pairing"),
    path("buddies/pairings/<int:pk>/answer/", buddy_views.pairing_answer, name="pairing_answer"),
]

urlpatterns += [
    path("advisers/", adviser_views.queue, name="adviser_queue"),
    path("t/<int:pk>/advisers/pass/", adviser_views.pass_to_advisers, name="pass_to_advisers"),
    path("t/<int:pk>/advisers/answer/", adviser_views.answer, name="adviser_answer"),
]
