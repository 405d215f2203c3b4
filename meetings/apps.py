import datetime

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Meetings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from pbsite import moderation
        from pbsite.registry import daily_jobs, demo_content, navigation, personal_data
        from search.registry import SearchHit, same_for_everyone
        from search.registry import register as register_search

        from . import demo, privacy, services
        from .models import Meeting, Notes

        navigation.register(_("Meetings"), "/meetings/", order=60)

        moderation.register(
            Meeting,
            label=_("meeting"),
            author=lambda meeting: meeting.organiser,
            hide=lambda meeting: Meeting.objects.filter(pk=meeting.pk).update(hidden=True),
            summary=lambda meeting: f"{meeting.title}\n\n{meeting.about}",
        )
        moderation.register(
            Notes,
            label=_("meeting notes"),
            author=lambda notes: notes.author,
            hide=lambda notes: Notes.objects.filter(pk=notes.pk).update(hidden=True),
            summary=lambda notes: f"{notes}\n\n{notes.discussed}",
        )
        # Only what anyone may see is indexed: never online links, dial-ins or access needs.
        register_search(
            "meetings",
            "Meetings",
            Meeting,
            # A hit names its venue's district: read with the meeting, not once for each.
            visible_to=lambda user: Meeting.objects.listed().select_related("venue"),
            visibility_depends_on=same_for_everyone,
            describe=lambda meeting: SearchHit(
                title=meeting.title,
                url=meeting.get_absolute_url(),
                summary=meeting.about,
                meta=" · ".join(
                    part
                    for part in (
                        f"{meeting.local_start:%-d %B %Y, %H:%M}",
                        meeting.get_format_display(),
                        meeting.district,
                    )
                    if part
                ),
            ),
            order=65,
            kind_words=("meeting", "meetings", "meet up", "meet-up", "peer network", "session"),
            kind_boost=1.3,
            near=lambda queryset, districts: queryset.filter(venue__district__in=districts),
            plural="Meetings",
        )
        register_search(
            "meeting_notes",
            "Meeting notes",
            Notes,
            visible_to=lambda user: Notes.objects.filter(
                hidden=False, meeting__hidden=False
            ).select_related("meeting"),
            visibility_depends_on=same_for_everyone,
            describe=lambda notes: SearchHit(
                title=str(notes),
                url=notes.get_absolute_url(),
                summary=notes.discussed,
                meta=notes.meeting.get_topic_display(),
            ),
            order=66,
            kind_words=("notes", "minutes"),
            plural="Meeting notes",
        )
        personal_data.register("meetings", export=privacy.export, erase=privacy.erase)
        demo_content.register("meetings", demo.load, order=85)
        daily_jobs.register(
            "meeting reminders", services.send_reminders_today, at=datetime.time(9, 0)
        )
