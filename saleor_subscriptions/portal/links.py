"""Where the portal is, for mails and the checkout disclosure."""

from django.conf import settings


def portal_url(installation, subscription_id: int | None = None) -> str:
    """The portal's address for this installation (a subscription's page in it, if given); signing in comes first."""
    path = f"/portal/{installation.portal_key}/"
    if subscription_id is not None:
        path += f"subscriptions/{subscription_id}/"
    return settings.APP_URL.rstrip("/") + path
