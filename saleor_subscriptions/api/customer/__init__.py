"""The customer API: a signed-in shopper's own subscriptions, read and changed through /graphql/.

The shopper's Saleor access token comes as `Authorization: Bearer <token>` (APP_PROTOCOL §8), the
Saleor by the `Saleor-Api-Url` header. Every field is rate-limited per IP and per customer; another
customer's subscription answers `NOT_FOUND`.
"""
