"""The customer side: who the shopper is, what they own, what they see (the portal and the customer API share it)."""
