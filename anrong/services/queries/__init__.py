"""Every read of Layanan, split by concern: the catalogue, forms, the citizen's applications, the
staff console's queues, and documents. Views and the API read only through these."""

from .applications import (
    applicable_service,
    current_uploads,
    my_application,
    my_applications,
    my_filing,
    outputs,
    visible_application,
)
from .catalogue import (
    agencies_with_services,
    catalogue,
    categories_with_counts,
    life_event_by_code,
    life_event_rows,
    life_events_with_services,
    service_by_code,
)
from .console import application_for_staff, officers_of, overview, queue, queue_filters
from .documents import document_by_verification_code, document_for, output_document

__all__ = [
    "applicable_service", "current_uploads", "my_application",
    "my_applications", "my_filing", "outputs", "visible_application",
    "agencies_with_services", "catalogue", "categories_with_counts", "life_event_by_code",
    "life_event_rows", "life_events_with_services", "service_by_code",
    "application_for_staff", "officers_of", "overview", "queue", "queue_filters",
]
__all__ += ["document_by_verification_code", "document_for", "output_document"]
from .forms import (  # noqa: E402
    current_form,
    form_builder_agencies,
    form_draft,
    form_versions,
    service_for_form_builder,
    services_for_form_builder,
)

__all__ += ["current_form", "form_builder_agencies", "form_draft", "form_versions",
            "service_for_form_builder", "services_for_form_builder"]
