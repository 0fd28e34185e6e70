"""Personas and the catalogue for the integration tests: the same people as the services tests."""

from anrong.services.tests.conftest import (  # noqa: F401
    akta,
    catalogue,
    fast_password_hashing,
    personas,
    root,
)
