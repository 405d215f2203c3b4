from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from pbsite.edit_versions import save_unless_changed
from pbsite.forms import posted

from . import privacy
from .forms import DeleteAccountForm, SettingsForm


@login_required
def settings_view(request):
    if request.method == "POST":
        form = SettingsForm(request.POST, request.FILES, instance=request.user)
        if form.is_valid() and save_unless_changed(form):
            messages.success(request, _("Your settings are saved."))
            return redirect("accounts:settings")
        # Keep the person's account object clean: a failed form must not leak into the header.
        request.user.refresh_from_db()
    else:
        form = SettingsForm(instance=request.user)
    return render(request, "accounts/settings.html", {"form": form})


@login_required
def export_view(request):
    if request.method != "POST":
        return render(request, "accounts/export.html")
    response = HttpResponse(privacy.export_json(request.user), content_type="application/json")
    response["Content-Disposition"] = (
        f'attachment; filename="{privacy.export_filename(request.user)}"'
    )
    return response


@login_required
def delete_view(request):
    """Deleting is asked twice: a tick box and the account's email address typed again."""
    # Bound on every POST, even an empty one: ``posted(request)`` would show no errors.
    data = posted(request)
    form = DeleteAccountForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        privacy.delete_account(user)
        return redirect("accounts:deleted")
    return render(request, "accounts/delete.html", {"form": form})


def deleted_view(request):
    return render(request, "accounts/deleted.html")
