from .consent import ConsentDocument, ConsentPurpose, ConsentRecord
from .documents import ProfileDocument
from .profile import ApplicantProfile

__all__ = ["ApplicantProfile", "ConsentDocument", "ConsentPurpose", "ConsentRecord", "ProfileDocument"]
