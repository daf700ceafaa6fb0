"""Photo blocks for story bodies: one credited image, and the gallery."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class PrefetchingImageChooserBlock(ImageChooserBlock):
    """Loads all the body's images and their existing renditions in two queries."""

    def bulk_to_python(self, values):
        objects = self.model_class.objects.prefetch_renditions().in_bulk(
            [v for v in values if v is not None]
        )
        return [objects.get(value) for value in values]


class ImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the image's caption.")
    )
    credit = blocks.CharBlock(
        label=_("credit"), required=False, help_text=_("Leave empty to use the image's credit.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "images/blocks/image.html"


class GalleryImageBlock(blocks.StructBlock):
    image = PrefetchingImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(
        label=_("caption"), required=False, help_text=_("Leave empty to use the image's caption.")
    )


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), required=False)
    images = blocks.ListBlock(GalleryImageBlock(), label=_("images"), min_num=2, max_num=30)

    class Meta:
        icon = "image"
        label = _("Gallery")
        template = "images/blocks/gallery.html"
