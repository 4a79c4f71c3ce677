"""Payment methods behind one interface (`base.PaymentMethod`), found by name in `registry`."""
