"""/<code>/council/tokens/: where a council member or staff member makes and
revokes keys to the council endpoints of the open API (/api/v1/council/).

The key of a new token is on the page that answers the POST, once: it is
not stored (participation/council/api_tokens.py keeps its hash), not put in the
session or a URL, and the page is never cached.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.council.api_tokens import (
    api_token_create,
    api_token_revoke,
    api_tokens_of,
)
from participation.council.models import ApiToken
from participation.council.views import council_view


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name of the token"),
        max_length=100,
        help_text=gettext_lazy(
            "So you can tell your tokens apart, e.g. the program that uses it."
        ),
        error_messages={
            "required": gettext_lazy("Give the token a name."),
            "max_length": gettext_lazy("Use at most %(limit_value)d characters."),
        },
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Give the token a name."), code="required")
        return name


class TokenRevokeForm(forms.Form):
    revoke = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


def _page(request, *, form, key=None, token=None):
    return render(
        request,
        "participation/account_tokens.html",
        {
            "form": form,
            "tokens": api_tokens_of(request.user),
            "new_key": key,
            "new_token": token,
            "section": "tokens",
        },
    )


@council_view(methods=("GET", "HEAD", "POST"))
def account_tokens(request):
    """GET: the person's tokens and a form for a new one. POST ``name``:
    make a token and show its key once. POST ``revoke``: revoke one."""
    if request.method != "POST":
        return _page(request, form=TokenCreateForm())
    if "revoke" in request.POST:
        revoke = TokenRevokeForm(request.POST)
        if revoke.is_valid():
            try:
                token = api_token_revoke(
                    user=request.user, token_id=revoke.cleaned_data["revoke"]
                )
            except ApiToken.DoesNotExist:
                pass
            else:
                messages.success(
                    request,
                    _("The token “%(name)s” is revoked: it no longer works.")
                    % {"name": token.name},
                )
                return redirect("council:tokens")
        messages.error(request, _("That token could not be found."))
        return redirect("council:tokens")
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            token, key = api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _page(request, form=TokenCreateForm(), key=key, token=token)
    return _page(request, form=form)
