import datetime

from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


def reindex_after_skills_change(sender, instance, action, **kwargs):
    """Skills are saved after the profile, so the search index must hear about them too."""
    from search.indexing import index_after_commit

    from .models import PAProfile

    if action.startswith("post_") and isinstance(instance, PAProfile):
        index_after_commit(instance)


class PaRegisterConfig(AppConfig):
    name = "pa_register"
    verbose_name = "PA register"

    def ready(self):
        from django.urls import reverse_lazy
        from django.utils.translation import gettext_lazy as _

        from pbsite import moderation
        from pbsite.filters import choices_read_from
        from pbsite.registry import daily_jobs, demo_content, navigation, personal_data
        from search.registry import register as register_search

        from . import coverage, demo, privacy, searching, tasks, vetting
        from .models import (
            Advert,
            CodeOfConduct,
            Endorsement,
            PAProfile,
            Skill,
            forget_conduct_versions,
        )

        choices_read_from(Skill)  # the curated skills on Find a PA

        navigation.register(_("Find a PA"), reverse_lazy("pa_register:find"), order=20)

        moderation.register(
            PAProfile,
            label=_("PA profile"),
            author=lambda profile: profile.user,
            hide=vetting.hide_profile,
            summary=lambda profile: f"PA profile of {profile.display_name}: {profile.about}",
            # A safeguarding worry takes the profile off the register until a moderator
            # decides: dismissing the reports lifts it, hiding the profile keeps it off.
            after_report=vetting.hold_for_safeguarding,
            release=vetting.lift_safeguarding_hold,
        )
        moderation.register(
            Advert,
            label=_("PA wanted advert"),
            author=lambda advert: advert.author,
            hide=lambda advert: advert.hide(),
            summary=lambda advert: f"{advert.title}: {advert.details}",
        )
        moderation.register(
            Endorsement,
            label=_("endorsement"),
            author=lambda endorsement: endorsement.work.holder,
            hide=lambda endorsement: endorsement.hide(),
            summary=lambda endorsement: endorsement.text,
        )
        register_search(
            "pas",
            "Personal assistants",
            PAProfile,
            visible_to=searching.visible_profiles,
            visibility_depends_on=searching.visible_profiles_depend_on,
            describe=searching.describe_profile,
            # A hit shows four values: a profile and its account as models cost more.
            hit_values=searching.PROFILE_VALUES,
            describe_values=searching.describe_profile_values,
            order=20,
            kind_words=searching.PA_WORDS,
            kind_boost=1.5,
            kind_words_sort=False,  # a "carer" or "support worker" is a PA like any other
            saturation=1.2,  # a skill or language is listed once: once is the whole answer
            near=searching.profiles_near,
            plural="PAs",
            synonyms=searching.WORDS,
        )
        register_search(
            "pa_wanted",
            "PA wanted adverts",
            Advert,
            visible_to=searching.visible_adverts,
            visibility_depends_on=searching.visible_adverts_depend_on,
            describe=searching.describe_advert,
            hit_values=searching.ADVERT_VALUES,
            describe_values=searching.describe_advert_values,
            order=25,
            kind_words=("pa wanted", "pa job", "pa jobs", "work as a pa"),
            kind_boost=3.0,  # these words ask for nothing but adverts
            kind_words_sort=False,
            near=searching.adverts_near,
            plural="PA wanted adverts",
        )
        m2m_changed.connect(reindex_after_skills_change, sender=PAProfile.skills.through)
        post_save.connect(
            coverage.keep_coverage, sender=PAProfile, dispatch_uid="pa_register.coverage"
        )
        for signal in (post_save, post_delete):
            signal.connect(
                forget_conduct_versions,
                sender=CodeOfConduct,
                dispatch_uid=f"pa_register.conduct_versions.{signal is post_save}",
            )
            signal.connect(
                searching.forget_advert_expiries,
                sender=Advert,
                dispatch_uid=f"pa_register.advert_expiries.{signal is post_save}",
            )
        personal_data.register("pa_register", export=privacy.export, erase=privacy.erase)
        demo_content.register("pa_register", demo.load, order=60)
        daily_jobs.register("PA profile reminders", tasks.send_profile_reminders)
        daily_jobs.register("PA wanted advert reminders", tasks.send_advert_reminders)
        daily_jobs.register("saved PA searches", tasks.run_saved_searches, at=datetime.time(7, 0))
