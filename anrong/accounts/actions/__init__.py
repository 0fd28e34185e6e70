"""Every write to accounts goes through these actions (split by concern: identity, profile)."""
