"""Carrier billing for saleor-subscriptions: the carrier adds each charge to the customer's phone bill; and a payment
slip packed with the goods (payment_slip.py), a method staff may take on the phone."""
