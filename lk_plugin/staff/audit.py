"""Personal-data access log: every staff view of an applicant's data writes a row (see lk_plugin.core.audit)."""

from lk_plugin.core.audit import (  # noqa: F401 - the staff face's names for the one mechanism
    PersonalDataListMixin,
    PersonalDataObjectMixin,
    log_personal_data_access,
)
