"""The form renderer: Django's own form and widget templates through Jinja2, the rest as usual.

Every widget, every radio button and every option of a select is a template of its own
(``input_option.html`` includes ``input.html``, which includes ``attrs.html``), and through
Django's template language those made up a third of a form page's time (``make bench-pages``).
Django ships the same templates for Jinja2 (``django/forms/jinja2/``), written to give the same
HTML, and Jinja2 compiles each to Python once. Any other template a form or widget names (Wagtail's
admin widgets, a template of ours) is found and rendered exactly as before.
"""

from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist

DJANGO_FORMS = "django/forms/"


class FormRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name):
        if template_name.startswith(DJANGO_FORMS):
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                pass
        return self.django.get_template(template_name)
