"""The editors' queue of right-of-reply requests ("Hak jawab" in the admin menu).

Editors and admins only (roles.EDITOR, roles.ADMIN, or a superuser): they see
every request with the requester's contact, filter by status, and change the
status, the published reply text and the reason for a rejection. Publishing
(status "dimuat") gives the reply its public page and purges the article.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from warta.people import roles
from warta.trust import replies
from warta.trust.replies import ReplyRequest

MENU_LABEL = gettext_lazy("Right of reply")
REVIEW_ROLES = (roles.EDITOR, roles.ADMIN)
PER_PAGE = 50


def may_review(user):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=REVIEW_ROLES).exists()


def check(request):
    if not may_review(request.user):
        raise PermissionDenied


class ReviewForm(forms.ModelForm):
    class Meta:
        model = ReplyRequest
        fields = ["status", "reply_text", "rejection_reason"]
        widgets = {
            "reply_text": forms.Textarea(attrs={"rows": 10}),
            "rejection_reason": forms.Textarea(attrs={"rows": 3}),
        }


def _header(extra=None):
    context = {"page_title": MENU_LABEL, "header_title": MENU_LABEL, "header_icon": "mail"}
    context.update(extra or {})
    return context


def queue_view(request):
    check(request)
    status = request.GET.get("status", "")
    rows = ReplyRequest.objects.select_related("article").order_by("-created_at")
    if status in ReplyRequest.Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "trust/replies/admin_queue.html",
        _header(
            {
                "page_obj": page,
                "status": status,
                "statuses": ReplyRequest.Status.choices,
            }
        ),
    )


def review_view(request, pk):
    check(request)
    reply = get_object_or_404(ReplyRequest.objects.select_related("article"), pk=pk)
    was_published = reply.is_published
    form = ReviewForm(request.POST or None, instance=reply)
    if request.method == "POST" and form.is_valid():
        replies.save_review(form.instance, was_published)
        messages.success(
            request,
            _("Request %(reference)s saved: %(status)s.")
            % {"reference": reply.reference, "status": reply.get_status_display()},
        )
        return redirect("trust_reply_queue")
    return TemplateResponse(
        request,
        "trust/replies/admin_review.html",
        _header({"reply": reply, "form": form}),
        status=400 if form.errors else 200,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("hak-jawab/", queue_view, name="trust_reply_queue"),
        path("hak-jawab/<int:pk>/", review_view, name="trust_reply_review"),
    ]


class ReplyMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


@hooks.register("register_admin_menu_item")
def register_reply_menu_item():
    return ReplyMenuItem(MENU_LABEL, reverse("trust_reply_queue"), icon_name="mail", order=340)
