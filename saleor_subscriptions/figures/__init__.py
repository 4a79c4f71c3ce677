"""Figures a subscription business steers by: MRR, movements, churn, forecast (per installation and channel)."""
