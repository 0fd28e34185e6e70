"""The newsroom in Wagtail's admin (/cms/)."""
