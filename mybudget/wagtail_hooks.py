"""The audit log's words for sharing a budget record (written in ``views``)."""

from wagtail import hooks


@hooks.register("register_log_actions")
def register_sharing_log_actions(actions):
    actions.register_action(
        "budgetcircle.mybudget.share", "Share a budget record", "A budget record was shared"
    )
    actions.register_action(
        "budgetcircle.mybudget.share_accepted",
        "Accept a shared budget record",
        "A shared budget record was accepted",
    )
    actions.register_action(
        "budgetcircle.mybudget.share_ended",
        "Stop sharing a budget record",
        "Sharing of a budget record stopped",
    )
