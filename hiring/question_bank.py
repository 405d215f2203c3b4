"""The interview questions every kit can use. Editors add more in the admin (Snippets →
Interview questions); these are the starting bank, kept here so a new site has them.

Each: (question, what a good answer shows, kind of support code or "", skill slug or "").
"""

from django.utils.translation import gettext_lazy as _

BANK = [
    (
        _("Tell me a little about yourself and why you would like this job."),
        _("Warmth, and a real reason to want this work."),
        "",
        "",
    ),
    (
        _("If you were running late, or could not come, what would you do?"),
        _("They would tell you early, and understand what a missed visit means for you."),
        "",
        "",
    ),
    (
        _("How would you make sure I stay in charge of my own support?"),
        _("They ask, listen and do things your way, not theirs."),
        "",
        "",
    ),
    (
        _("Is there anything you would like to ask me?"),
        _("Questions about you and the job, not only the pay."),
        "",
        "",
    ),
    (
        _("How would you help me wash and dress while keeping my dignity?"),
        _("Asking first, privacy, going at your pace."),
        "personal_care",
        "",
    ),
    (
        _("What would you do if you noticed a sore or red patch on my skin?"),
        _("They would tell you, and know it may need a nurse."),
        "personal_care",
        "",
    ),
    (
        _("How would you plan the shopping and cooking with me?"),
        _("Your tastes, your budget, your choices."),
        "domestic",
        "",
    ),
    (
        _("What would you like to do with me when we go out?"),
        _("Interest in what you enjoy, and thinking about access."),
        "social",
        "",
    ),
    (
        _("What would you do if I woke up unwell in the night?"),
        _("Calm steps, and knowing when to call 111 or 999."),
        "overnight",
        "",
    ),
    (
        _("Tell me about your driving record and your car insurance for work."),
        _("A clean licence, and insurance that covers business use."),
        "driving",
        "",
    ),
    (
        _("What training have you had for health tasks, and who signed you off?"),
        _("Named training, and knowing to ask for more when unsure."),
        "health",
        "",
    ),
    (
        _("Have you used a hoist before? Talk me through a safe transfer."),
        _("Checking the sling and the hoist, two people when the plan says so."),
        "",
        "hoist",
    ),
    (
        _("What would you do if I had a seizure?"),
        _("Timing it, keeping you safe, knowing when to call 999."),
        "",
        "epilepsy",
    ),
    (
        _("How would you help me take my medicines as prescribed?"),
        _("Following the chart, writing it down, never guessing."),
        "",
        "medication",
    ),
    (
        _("How do you support someone who is having a hard day with their mental health?"),
        _("Patience, listening, knowing who to call."),
        "",
        "mental-health",
    ),
    (
        _("How do you help someone with dementia feel settled?"),
        _("Routine, calm, following the person's lead."),
        "",
        "dementia",
    ),
    (
        _("How do you make plans with an autistic person?"),
        _("Clear plans, warning of changes, respecting sensory needs."),
        "",
        "autism",
    ),
]
