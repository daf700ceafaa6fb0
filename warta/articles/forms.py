"""The article page form: a story's photos must carry a credit and alt text to publish.

Enforced on the page form, not on the image, because photos arrive from the
field (bulk upload, reporters' phones) before anyone has written alt text;
Wagtail defers required checks when a draft is saved, and so do we, so a
draft is never lost for want of a credit. The rule itself is
`warta.images.rules.missing_credit_or_alt`.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from warta.core.page_forms import ConcurrentEditPageForm
from warta.images.renditions import body_photos
from warta.images.rules import missing_credit_or_alt

# A rule takes (form, cleaned_data) and returns the messages that stop publishing
# (an empty list when the page may go out). Apps above articles register theirs in
# ``AppConfig.ready()``: trust's sources rule, for one.
PublishRule = Callable[[object, dict], list]

_publish_rules: list[PublishRule] = []


def register_publish_rule(rule: PublishRule) -> None:
    """Add a check run when an article is published or sent for review (not on draft saves)."""
    if rule not in _publish_rules:
        _publish_rules.append(rule)


class CreditedPhotosPageForm(ConcurrentEditPageForm):
    """Refuses to publish (or send for review) a page whose photos lack credit or alt text."""

    photo_fields = ("lead_image",)
    photo_stream_fields = ("body",)

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation:
            return cleaned_data
        images = [cleaned_data.get(name) for name in self.photo_fields if cleaned_data.get(name)]
        for name in self.photo_stream_fields:
            images.extend(image for image, _specs in body_photos(cleaned_data.get(name)))
        seen = {}
        for image in images:
            seen.setdefault(image.pk, image)
        problems = list(missing_credit_or_alt(seen.values()))
        for rule in _publish_rules:
            problems.extend(rule(self, cleaned_data))
        if problems:
            raise ValidationError(problems)
        return cleaned_data
