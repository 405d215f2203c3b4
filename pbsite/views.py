from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import moderation
from .forms import RadioSelect, posted
from .models import Notification, ReportReason
from .pagination import paginate


@login_required
def notification_list(request):
    notifications = request.user.notifications.select_related("actor")
    page = paginate(request, notifications, per_page=25)
    return render(request, "pbsite/notifications.html", {"page": page})


@login_required
@require_POST
def notification_open(request, pk):
    """Mark one notification read and go to what it is about."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return HttpResponseRedirect(
        notification.url if notification.url and safe else "/notifications/"
    )


@login_required
@require_POST
def notifications_mark_all_read(request):
    request.user.notifications.unread().update(read_at=timezone.now())
    return HttpResponseRedirect("/notifications/")


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ReportReason.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose what is wrong, so the right person looks at it.")},
    )
    details = forms.CharField(
        label=_("Tell us more"),
        help_text=_("A moderator reads every report. Do not include anyone's private details."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Please keep this under 2,000 characters.")},
    )


@login_required
def report_content(request, content_type_id, object_id):
    """The one "Report this" page every part links to."""
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404

    content_type = get_object_or_404(ContentType, pk=content_type_id)
    model = content_type.model_class()
    if model is None or not moderation.is_reportable_model(model):
        raise Http404
    try:
        obj = model._default_manager.get(pk=object_id)
    except (model.DoesNotExist, ValueError, TypeError, ValidationError) as error:
        raise Http404 from error
    visible = getattr(obj, "is_visible_to", None)
    if callable(visible) and not visible(request.user):
        raise Http404
    entry = moderation.reportable_for(obj)
    form = ReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            moderation.report(
                obj,
                reason=form.cleaned_data["reason"],
                reporter=request.user,
                details=form.cleaned_data["details"],
            )
        except moderation.ReportRefused as error:
            form.add_error(None, str(error))
        else:
            return render(
                request, "pbsite/report_done.html", {"kind_label": entry.label, "obj": obj}
            )
    return render(
        request, "pbsite/report.html", {"form": form, "kind_label": entry.label, "obj": obj}
    )


def site_address_css(request):
    """The site's own address as a CSS variable, for print.css: on paper, a link to a page of
    the site reads as a full address ("https://…/guides/…"), which a static file cannot know.
    The address is the one the reader used (the request's host, which ALLOWED_HOSTS checks)."""
    address = request.build_absolute_uri("/").rstrip("/")
    quoted = address.replace("\\", "\\\\").replace('"', '\\"')
    response = HttpResponse(
        f':root {{ --site-address: "{quoted}"; }}\n', content_type="text/css; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=86400"
    response["Vary"] = "Host"
    return response
