"""The hosted customer portal: sign-in by mail link or storefront token, the customer's subscriptions, their changes."""
