"""The public side of the right of reply: the form, its receipt, and published replies.

The form page is never cached (it carries a CSRF token and is per reader);
the cached article page only links to it. A published reply's page is public.
"""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from warta.articles.models import ArticlePage
from warta.core.http import public
from warta.trust import replies
from warta.trust.replies import ReplyRequest


class ReplyForm(forms.ModelForm):
    # The honeypot: hidden from people (CSS and aria-hidden), filled by bots.
    website = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReplyRequest
        fields = ["kind", "requester_name", "contact", "body"]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 10, "cols": 30, "maxlength": replies.MAX_BODY}),
        }
        error_messages = {
            "body": {
                "max_length": gettext_lazy(
                    "Your text is too long: at most %(limit_value)d characters "
                    "(it has %(show_value)d)."
                )
            }
        }


def article_for(request, article_id):
    """The live, public article `article_id` of the request's site, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(pk=article_id)
        .first()
    )


def _not_found(request):
    return render(request, "trust/replies/not_found.html", status=404)


def _form_page(request, article, form, status=200, problem=""):
    context = {
        "article": article,
        "form": form,
        "token": replies.form_token(article.pk),
        "problem": problem,
        "max_body": replies.MAX_BODY,
    }
    return render(request, "trust/replies/form.html", context, status=status)


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@never_cache
def reply_form(request, article_id):
    article = article_for(request, article_id)
    if article is None:
        return _not_found(request)
    if request.method != "POST":
        return _form_page(request, article, ReplyForm())
    if _content_length(request) > replies.MAX_REQUEST_BYTES:
        # Refused before the body is used: nothing is stored.
        return _form_page(
            request,
            article,
            ReplyForm(),
            status=413,
            problem=_("What you sent is too long. The text may have at most %(limit)s characters.")
            % {"limit": f"{replies.MAX_BODY:,}".replace(",", ".")},
        )
    hashed = replies.address_hash(request)
    if replies.is_throttled(hashed):
        return _form_page(
            request,
            article,
            ReplyForm(request.POST),
            status=429,
            problem=_(
                "Too many requests have been sent from your connection. "
                "Please try again in an hour, or contact the newsroom directly."
            ),
        )
    form = ReplyForm(request.POST)
    if request.POST.get("website"):
        replies.count_submission(hashed)
        return _form_page(
            request,
            article,
            ReplyForm(),
            status=400,
            problem=_("The form could not be accepted. Leave the last field empty."),
        )
    try:
        replies.check_token(request.POST.get("token"), article.pk)
    except replies.TokenProblem as problem:
        return _form_page(request, article, form, status=400, problem=str(problem))
    if not form.is_valid():
        return _form_page(
            request,
            article,
            form,
            status=400,
            problem=_("Please correct the fields marked below."),
        )
    reply = form.save(commit=False)
    reply.article = article
    reply.address_hash = hashed
    reply.save()
    replies.count_submission(hashed)
    return redirect("trust-reply-received", reply.reference)


@never_cache
def reply_received(request, reference):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    reply = (
        ReplyRequest.objects.filter(
            reference=reference, article__path__startswith=site.root_page.path
        )
        .select_related("article")
        .first()
    )
    if reply is None:
        raise Http404
    return render(request, "trust/replies/received.html", {"reply": reply})


def reply_published(request, reference):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    reply = (
        ReplyRequest.objects.filter(reference=reference, status=ReplyRequest.Status.PUBLISHED)
        .select_related("article")
        .first()
    )
    if reply is None:
        raise Http404
    article = article_for(request, reply.article_id)
    if article is None:
        raise Http404
    return public(
        render(request, "trust/replies/published.html", {"reply": reply, "article": article})
    )
