"""The few purposeful blocks a guide is made of. Each one says what it is for, so editors pick
the right one and readers meet the same shapes on every guide."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

# Headings are h2/h3 only (the page title is the h1); no images or embeds: guides print and
# read aloud well as words.
PARAGRAPH_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
SHORT_TEXT_FEATURES = ["bold", "italic", "link"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=PARAGRAPH_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Paragraph"
        template = "home/blocks/paragraph.html"


class KeyPointBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text="For example: “You do not have to…”")
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = "Key point"
        template = "home/blocks/key_point.html"


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label="Steps, in order")

    class Meta:
        icon = "list-ol"
        label = "Numbered steps"
        template = "home/blocks/steps.html"


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label="Things to check")

    class Meta:
        icon = "tasks"
        label = "Checklist"
        template = "home/blocks/checklist.html"


class QuestionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Questions to ask")
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label="Questions")

    class Meta:
        icon = "help"
        label = "Questions to ask"
        template = "home/blocks/questions.html"


class ExampleBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, help_text="A made-up first name. Never a real person.")
    story = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "user"
        label = "Real-life example"
        template = "home/blocks/example.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600)
    who = blocks.CharBlock(max_length=120, help_text="For example: “A holder in Oxfordshire”.")

    class Meta:
        icon = "openquote"
        label = "What other holders say"
        template = "home/blocks/quote.html"


class WarningBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = "Warning"
        template = "home/blocks/warning.html"


class AskSomeoneBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Ask someone who has done it")
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)
    forum_category = blocks.CharBlock(
        max_length=80,
        help_text="The forum category's short name (slug), for example “employing-pas”.",
    )

    class Meta:
        icon = "group"
        label = "Ask someone"
        template = "home/blocks/ask_someone.html"


class GuideBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    key_point = KeyPointBlock()
    steps = StepsBlock()
    checklist = ChecklistBlock()
    questions = QuestionsBlock()
    example = ExampleBlock()
    quote = QuoteBlock()
    warning = WarningBlock()
    ask_someone = AskSomeoneBlock()


class NoticeBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.TextBlock(max_length=600)
    kind = blocks.ChoiceBlock(
        choices=[("info", "Good to know"), ("warning", "Important")], default="info"
    )

    class Meta:
        icon = "info-circle"
        label = "Notice"
        template = "home/blocks/notice.html"


class HelplineBlock(blocks.StaticBlock):
    """The helpline's number, email address and hours, always as Settings → Helpline says."""

    class Meta:
        icon = "mobile-alt"
        label = _("Helpline")
        admin_text = _(
            "Shows the helpline's phone number, email address and opening hours, as they are "
            "set under Settings → Helpline. Change them there and every page follows."
        )
        template = "home/blocks/helpline.html"


class StandardBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    notice = NoticeBlock()
    helpline = HelplineBlock()
