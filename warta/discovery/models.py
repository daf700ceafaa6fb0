from warta.discovery.related_models import RelatedPlacement, RelatedProfile, RelatedRead  # noqa: F401
