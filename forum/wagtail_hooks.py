"""The forum in the Wagtail admin: categories for editors; posts, topics, buddies and pairings
for moderators. Private conversations are never listed here; moderators reach one only through
a report in the moderation queue."""

from django.http import Http404
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from . import buddies, posting
from .adviser_admin import AdviserViewSet
from .models import BuddyPairing, BuddyProfile, BuddyStatus, Category, Post, Topic


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = "Forum categories"
    add_to_admin_menu = False
    list_display = ["name", "slug", "order"]
    search_fields = ["name"]


class PublicOnlyIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(topic__is_private=False)


class PostIndexView(PublicOnlyIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("author", "topic")


class PostEditView(EditView):
    def get_object(self, queryset=None):
        post = super().get_object(queryset)
        if post.topic.is_private:
            raise Http404
        return post

    def save_instance(self):
        before = Post.objects.get(pk=self.object.pk)
        post = super().save_instance()
        if post.approved and not before.approved:
            posting.after_approval(post, self.request.user)
        elif post.hidden != before.hidden or post.held_for_review != before.held_for_review:
            post.topic.refresh_stats()
        return post


class PostViewSet(ModelViewSet):
    """Posts waiting for approval come first; tick "approved" or "hidden" and save."""

    model = Post
    icon = "comment"
    menu_label = "Posts"
    index_view_class = PostIndexView
    edit_view_class = PostEditView
    copy_view_enabled = False
    list_display = ["__str__", "topic", "approved", "hidden", "held_for_review", "created"]
    list_filter = ["approved", "hidden", "held_for_review"]
    ordering = ["approved", "-created"]
    search_fields = ["body_markdown"]
    form_fields = ["body_markdown", "approved", "hidden", "held_for_review"]


class TopicIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(is_private=False).select_related("category")


class TopicEditView(EditView):
    def get_object(self, queryset=None):
        topic = super().get_object(queryset)
        if topic.is_private:
            raise Http404
        return topic


class TopicViewSet(ModelViewSet):
    """Move (change the category), pin, lock or hide public topics."""

    model = Topic
    icon = "list-ul"
    menu_label = "Topics"
    index_view_class = TopicIndexView
    edit_view_class = TopicEditView
    copy_view_enabled = False
    list_display = ["title", "category", "pinned", "locked", "hidden", "last_activity"]
    list_filter = ["category", "pinned", "locked", "hidden"]
    search_fields = ["title"]
    form_fields = ["title", "category", "pinned", "locked", "hidden"]


class BuddyEditView(EditView):
    def save_instance(self):
        before = BuddyProfile.objects.get(pk=self.object.pk)
        profile = super().save_instance()
        if profile.status == BuddyStatus.APPROVED and before.status != BuddyStatus.APPROVED:
            buddies.approve_profile(profile, self.request.user)
        return profile


class BuddyProfileViewSet(ModelViewSet):
    model = BuddyProfile
    icon = "user"
    menu_label = "Buddy applications"
    edit_view_class = BuddyEditView
    copy_view_enabled = False
    list_display = ["user", "status", "capacity", "districts", "applied_at"]
    list_filter = ["status"]
    form_fields = ["status", "capacity", "districts", "languages", "health_topics", "about"]


class PairingViewSet(ModelViewSet):
    """Who is paired with whom, and how it is going; never what they say to each other."""

    model = BuddyPairing
    icon = "group"
    menu_label = "Buddy pairings"
    copy_view_enabled = False
    list_display = ["buddy", "request", "status", "created", "ended_at"]
    list_filter = ["status"]
    form_fields = ["status"]


class ForumAdminGroup(ModelViewSetGroup):
    menu_label = "Forum"
    menu_icon = "comment"
    menu_order = 300
    items = (PostViewSet, TopicViewSet, BuddyProfileViewSet, PairingViewSet, AdviserViewSet)


def register():
    from wagtail import hooks
    from wagtail.snippets.models import register_snippet

    register_snippet(CategoryViewSet)

    @hooks.register("register_log_actions")
    def register_private_reading(actions):
        from .private_access import READ_PRIVATE_ACTION

        actions.register_action(
            READ_PRIVATE_ACTION,
            "Read a reported private message",
            "A moderator read the reported private message",
        )

    @hooks.register("register_admin_viewset")
    def register_forum_admin():
        return ForumAdminGroup()


register()
