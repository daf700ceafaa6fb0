"""The publishing rule for photos: a credit and alt text before readers see one.

A pure function of the photos, so every form that publishes photos (the
article page form, `warta.articles.forms`) states the same rule in the same
words.
"""

from django.utils.translation import gettext as _


def missing_credit_or_alt(images):
    problems = []
    for image in images:
        missing = []
        if not (image.credit or "").strip():
            missing.append(_("a credit"))
        if not (image.description or "").strip():
            missing.append(_("alt text"))
        if missing:
            problems.append(
                _("Photo “%(title)s” needs %(missing)s before it can be published.")
                % {"title": image.title, "missing": _(" and ").join(missing)}
            )
    return problems
