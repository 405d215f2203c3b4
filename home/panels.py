"""The readability check as a panel in the guide editor.

Wagtail 8 has no hook for adding a side panel to the page editor, so the check sits in the edit
form itself (scored from the draft being edited: the last saved revision), and the preview panel
offers a "Readability check" mode that re-scores the unsaved text as the editor types.
"""

from wagtail.admin.panels import Panel


class ReadabilityPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "home/admin/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["check"] = page.readability() if page.pk else None
            return context
