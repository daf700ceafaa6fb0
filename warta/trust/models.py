from warta.trust.factchecks import ClaimCheck, FactCheckSettings  # noqa: F401
from warta.trust.replies import ReplyRequest  # noqa: F401
