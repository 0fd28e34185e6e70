"""Every read of Layanan, split by concern: the catalogue, forms, the citizen's applications, the
staff console's queues, and documents. Views and the API read only through these."""

from .catalogue import (
    agencies_with_services,
    catalogue,
    categories_with_counts,
    life_event_by_code,
    life_event_rows,
    life_events_with_services,
    service_by_code,
)

__all__ = [
    "agencies_with_services", "catalogue", "categories_with_counts", "life_event_by_code",
    "life_event_rows", "life_events_with_services", "service_by_code",
]
from .forms import current_form, form_draft, form_versions, services_for_form_builder  # noqa: E402

__all__ += ["current_form", "form_draft", "form_versions", "services_for_form_builder"]
