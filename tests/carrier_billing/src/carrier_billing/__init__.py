"""Carrier billing for saleor-subscriptions: the carrier adds each charge to the customer's phone bill."""
