"""Figures a subscription business steers by: MRR, movements, churn, forecast, cohorts (継続率) and LTV, conversion, dunning recovery (per installation and channel)."""
