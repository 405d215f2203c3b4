from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import InterviewQuestion


class InterviewQuestionViewSet(SnippetViewSet):
    model = InterviewQuestion
    icon = "help"
    menu_label = "Interview questions"
    list_display = ["text", "kind", "skill"]
    add_to_admin_menu = False


register_snippet(InterviewQuestionViewSet)
