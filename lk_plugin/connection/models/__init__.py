from .billing import Invoice, InvoiceScheduleLine, Payment
from .process import ConnectionProcess, StagePassage, TuNotice, TuNoticeFile
from .scheme import ConnectionScheme, StageDefinition
from .signing import PlacedDocument, Signature, SigningCode

__all__ = [
    "ConnectionProcess",
    "ConnectionScheme",
    "Invoice",
    "InvoiceScheduleLine",
    "Payment",
    "PlacedDocument",
    "Signature",
    "SigningCode",
    "StageDefinition",
    "StagePassage",
    "TuNotice",
    "TuNoticeFile",
]
