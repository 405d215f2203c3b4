"""The few purposeful blocks a guide is made of. Each one says what it is for, so editors pick
the right one and readers meet the same shapes on every guide."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from . import pictograms

# Headings are h2/h3 only (the page title is the h1); no images or embeds: guides print and
# read aloud well as words. The one exception is a captioned video (a BSL or spoken version),
# which always carries its words too: captions and a transcript.
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
    heading = blocks.CharBlock(max_length=120, help_text=_("For example: “You do not have to…”"))
    text = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "pick"
        label = "Key point"
        template = "home/blocks/key_point.html"


class StepsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label=_("Steps, in order"))

    class Meta:
        icon = "list-ol"
        label = "Numbered steps"
        template = "home/blocks/steps.html"


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label=_("Things to check"))

    class Meta:
        icon = "tasks"
        label = "Checklist"
        template = "home/blocks/checklist.html"


class QuestionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, default="Questions to ask")
    items = blocks.ListBlock(blocks.CharBlock(max_length=400), label=_("Questions"))

    class Meta:
        icon = "help"
        label = "Questions to ask"
        template = "home/blocks/questions.html"


class ExampleBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=80, help_text=_("A made-up first name. Never a real person.")
    )
    story = blocks.RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "user"
        label = "Real-life example"
        template = "home/blocks/example.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=600)
    who = blocks.CharBlock(max_length=120, help_text=_("For example: “A holder in Oxfordshire”."))

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
    forum_category = SnippetChooserBlock(
        "forum.Category",
        help_text=_("The forum category readers are sent to, to ask their question."),
    )

    class Meta:
        icon = "group"
        label = "Ask someone"
        template = "home/blocks/ask_someone.html"


ADVISER_ANSWER_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AdviserAnswerBlock(blocks.StructBlock):
    """A question an adviser answered in the forum, in a guide. Fill it with "Use in a guide"
    on the advisers' answers in the admin. The adviser's name, expertise and the date they were
    checked, and the link to the topic, come from the answer chosen, so they stay true."""

    question = blocks.TextBlock(max_length=600, help_text=_("The question, in plain words."))
    answer = blocks.RichTextBlock(
        features=ADVISER_ANSWER_FEATURES,
        help_text=_("The adviser's answer. Shorten it if you need to, but keep what it says."),
    )
    adviser_answer = SnippetChooserBlock(
        "forum.AdviserAnswer",
        label=_("The adviser's answer in the forum"),
        help_text=_(
            "Readers see who answered, their expertise and when, with a link to the topic."
        ),
    )

    class Meta:
        icon = "help"
        label = "Answered by an adviser"
        template = "home/blocks/adviser_answer.html"


# --- Video ---------------------------------------------------------------------------------

VIDEO_EXTENSIONS = (".mp4", ".webm")


def _extension(document) -> str:
    name = (getattr(document, "filename", "") or "").lower()
    return name[name.rfind(".") :] if "." in name else ""


def _looks_like_webvtt(document) -> bool:
    """A WebVTT file starts with "WEBVTT" (after an optional byte-order mark)."""
    try:
        with document.open_file() as handle:
            start = handle.read(16)
    except OSError:
        return False
    if isinstance(start, str):
        start = start.encode()
    return start.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")


class CaptionedVideoBlock(blocks.StructBlock):
    """A video with captions and a transcript, for a British Sign Language or spoken version.
    Captions are required: a video without them shuts out the people it is meant for."""

    title = blocks.CharBlock(
        max_length=120,
        label=_("What the video is"),
        help_text=_("For example: “This guide in British Sign Language”."),
    )
    video = DocumentChooserBlock(
        required=False,
        label=_("Video file"),
        help_text=_("An MP4 or WebM file from Documents. Or give a web address below."),
    )
    video_url = blocks.URLBlock(
        required=False,
        label=_("Or the video's web address"),
        help_text=_("The address of an MP4 or WebM file, starting https://."),
    )
    captions = DocumentChooserBlock(
        label=_("Captions (WebVTT)"),
        help_text=_("A .vtt captions file from Documents, timed to the video."),
    )
    transcript = blocks.TextBlock(
        label=_("Transcript"),
        help_text=_("Everything said or signed, in words. Leave a blank line between paragraphs."),
    )

    class Meta:
        icon = "media"
        label = _("Captioned video")
        template = "home/blocks/captioned_video.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video, url = value.get("video"), value.get("video_url")
        if bool(video) == bool(url):
            message = _("Choose a video file or give its web address: one of the two, not both.")
            errors["video"] = ValidationError(message)
        elif video and _extension(video) not in VIDEO_EXTENSIONS:
            errors["video"] = ValidationError(_("The video must be an MP4 or WebM file."))
        elif url and not url.lower().startswith("https://"):
            errors["video_url"] = ValidationError(_("The address must start with https://."))
        captions = value.get("captions")
        if captions and (_extension(captions) != ".vtt" or not _looks_like_webvtt(captions)):
            errors["captions"] = ValidationError(
                _("Captions must be a WebVTT file: a .vtt file whose first line is WEBVTT.")
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


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
    adviser_answer = AdviserAnswerBlock()
    # A British Sign Language or spoken version of the guide.
    video = CaptionedVideoBlock()


class NoticeBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False)
    text = blocks.TextBlock(max_length=600)
    kind = blocks.ChoiceBlock(
        choices=[("info", _("Good to know")), ("warning", _("Important"))], default="info"
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
    video = CaptionedVideoBlock()


# --- Easy Read ---------------------------------------------------------------------------------


class EasyReadLineBlock(blocks.StructBlock):
    """One idea: a short sentence or two, with a picture beside it."""

    picture = blocks.ChoiceBlock(choices=pictograms.CHOICES, label=_("Picture"))
    text = blocks.CharBlock(
        max_length=200,
        label=_("Words"),
        help_text=_("One idea, in short sentences. Say “you”. Use everyday words."),
    )

    class Meta:
        icon = "image"
        label = _("Easy Read line")
        template = "home/blocks/easy_read_line.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["picture_url"] = pictograms.url(value["picture"])
        context["picture_alt"] = pictograms.alt_text(value["picture"])
        return context


class EasyReadHeadingBlock(blocks.CharBlock):
    def __init__(self, **kwargs):
        super().__init__(max_length=80, **kwargs)

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/easy_read_heading.html"


class EasyReadBodyBlock(blocks.StreamBlock):
    heading = EasyReadHeadingBlock()
    line = EasyReadLineBlock()
    video = CaptionedVideoBlock()
