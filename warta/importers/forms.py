"""The admin's WordPress upload form: the export, the site, and where categories go."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from warta.articles.models import SectionPage


class WordPressImportForm(forms.Form):
    file = forms.FileField(
        label=_("WordPress export (WXR)"),
        help_text=_("The .xml file from Tools → Export in WordPress."),
    )
    site = forms.ModelChoiceField(label=_("Site"), queryset=Site.objects.order_by("site_name"))
    section_map = forms.CharField(
        label=_("Categories to sections"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "One per line: category slug = section slug, e.g. “daerah = bali”. "
            "Categories not listed get a section of their own, named in the report."
        ),
    )
    create_users = forms.BooleanField(
        label=_("Also create user accounts for the authors"), required=False
    )
    dry_run = forms.BooleanField(label=_("Trial run (save nothing)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.WARTA_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        start = upload.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
        upload.seek(0)
        if not (start.startswith(b"<?xml") or start.startswith(b"<rss")):
            raise forms.ValidationError(_("This is not a WordPress export (an XML file)."))
        return upload

    def clean(self):
        cleaned = super().clean()
        site, text = cleaned.get("site"), cleaned.get("section_map") or ""
        mapping = {}
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            category, equals, section = (part.strip() for part in line.partition("="))
            if not equals or not category or not section:
                self.add_error(
                    "section_map",
                    _("Line %(number)s: write “category = section”.") % {"number": number},
                )
                continue
            if site and not SectionPage.objects.child_of(site.root_page).filter(slug=section):
                self.add_error(
                    "section_map",
                    _("Line %(number)s: the site has no section “%(section)s”.")
                    % {"number": number, "section": section},
                )
            mapping[category] = section
        cleaned["section_map"] = mapping
        return cleaned
