"""Private uploads: validation (size, allow-list, magic bytes), random names, attachment responses."""

import contextlib
import errno
import logging
import mimetypes
import os
import uuid
import zipfile
from contextvars import ContextVar

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from lk_plugin.app_settings import app_settings

logger = logging.getLogger("lk_plugin.files")

#: "No space left on device", "Disk quota exceeded", "File too large" (a filesystem limit).
NO_SPACE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


class StorageFullError(ValidationError):
    """The private storage could not take the file (disk full, quota): a clear message, no 500.

    A ValidationError, so every upload path (wizard, appeals, chat, profile, staff) shows it where it
    shows other file errors, and the flow's transaction rolls back: no record without its file.
    """

    def __init__(self, message=None, code="storage_full", params=None):
        message = message or _("Не удалось сохранить файл: на сервере недостаточно места. Попробуйте позже.")
        super().__init__(message, code=code, params=params)


def add_flow_error(form, exc: ValidationError, *, file_field: str = "files") -> None:
    """Put a flow's ValidationError on *form*: a full storage at the file field, the rest on top."""
    field = file_field if getattr(exc, "code", None) == "storage_full" and file_field in form.fields else None
    form.add_error(field, exc)


#: Names saved inside the innermost ``discard_files_on_error`` block of this thread/task.
_saved_in_block: ContextVar[list | None] = ContextVar("lk_saved_private_files", default=None)


@contextlib.contextmanager
def discard_files_on_error():
    """Delete the private files saved inside the block when it raises.

    Use it around a flow that saves several files (``@discard_files_on_error()`` above
    ``@transaction.atomic``): the rows are rolled back by the transaction, the files by this, so a
    failed upload (e.g. the disk filled up on the third file) leaves neither rows nor files behind.
    """
    names: list = []
    parent = _saved_in_block.get()
    token = _saved_in_block.set(names)
    try:
        yield
    except BaseException:
        for storage, name in names:
            with contextlib.suppress(Exception):
                storage.delete(name)
        raise
    finally:
        _saved_in_block.reset(token)
    if parent is not None:
        parent.extend(names)


class PrivateFileSystemStorage(FileSystemStorage):
    """Files under LK_PRIVATE_STORAGE_ROOT (read on access): never under MEDIA_ROOT, no public URL."""

    def __init__(self, **kwargs):
        kwargs.pop("location", None)
        super().__init__(base_url=None, **kwargs)

    @property
    def base_location(self):
        return str(getattr(settings, "LK_PRIVATE_STORAGE_ROOT", "private"))

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through an authenticated view.")


class PrivateStorage(LazyObject):
    """The storage for applicants' files: STORAGES["lk_private"] when the host defines it.

    Every private upload goes through ``save`` below, the one place where a full disk becomes
    StorageFullError and the partly written file is removed.
    """

    def _setup(self):
        try:
            self._wrapped = storages["lk_private"]
        except Exception:  # InvalidStorageError: the host did not configure one
            self._wrapped = PrivateFileSystemStorage()

    def save(self, name, content, max_length=None):
        if self._wrapped is empty:
            self._setup()
        storage = self._wrapped
        # Reserve the final name first so a failed write can be cleaned up by that name.
        name = storage.get_available_name(name, max_length=max_length)
        try:
            name = storage.save(name, content, max_length=max_length)
        except OSError as exc:
            if exc.errno not in NO_SPACE_ERRNOS:
                raise
            logger.error("private storage is full: could not save %s (%s)", name, exc)
            with contextlib.suppress(Exception):
                if storage.exists(name):
                    storage.delete(name)
            raise StorageFullError() from exc
        block = _saved_in_block.get()
        if block is not None:
            block.append((storage, name))
        return name


private_storage = PrivateStorage()


def get_private_storage():
    """For FileField(storage=get_private_storage)."""
    return private_storage


@deconstructible
class RandomUploadTo:
    """Store under prefix/YYYY/MM/<uuid>.<ext>; the original name is kept in a model field."""

    def __init__(self, prefix):
        self.prefix = prefix

    def __call__(self, instance, filename):
        from django.utils import timezone

        ext = os.path.splitext(filename)[1].lower().lstrip(".")
        ext = ext if ext.isalnum() and len(ext) <= 5 else "bin"
        now = timezone.now()
        return f"{self.prefix}/{now:%Y/%m}/{uuid.uuid4().hex}.{ext}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadTo) and other.prefix == self.prefix


# Container formats we accept, by extension → what the first bytes must look like.
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _ext_of(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(upload, size=8192) -> bytes:
    pos = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(size)
    upload.seek(pos)
    return head


def _is_ooxml(upload, main_dir: str) -> bool:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as zf:
            names = zf.namelist()
        return "[Content_Types].xml" in names and any(n.startswith(main_dir + "/") for n in names)
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def magic_matches(upload, ext: str) -> bool:
    head = _head(upload)
    if ext == "pdf":
        return head.startswith(b"%PDF-")
    if ext in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if ext == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("doc", "xls"):
        return head.startswith(_OLE)
    if ext == "docx":
        return head.startswith(b"PK\x03\x04") and _is_ooxml(upload, "word")
    if ext == "xlsx":
        return head.startswith(b"PK\x03\x04") and _is_ooxml(upload, "xl")
    if ext == "xml":
        text = head.lstrip(b"\xef\xbb\xbf").lstrip()
        return text.startswith(b"<") and b"\x00" not in head
    if ext in ("sig", "p7s"):
        return len(head) > 0
    kind = filetype.guess(head)
    return kind is not None and kind.extension == ext


def clean_filename(name: str) -> str:
    """A safe display name: no path parts, no control characters, bounded length."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable())
    base, ext = os.path.splitext(name)
    name = (base[:120] + ext[:10]).strip() or "file"
    return name


def validate_upload(upload, *, extensions=None, max_size=None):
    """Raise ValidationError (Russian, naming the file) unless *upload* is acceptable."""
    from .formatting import format_megabytes

    extensions = [e.lower() for e in (extensions or app_settings.UPLOAD_EXTENSIONS)]
    max_size = max_size or app_settings.UPLOAD_MAX_SIZE
    name = clean_filename(getattr(upload, "name", ""))
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ValidationError(_("Файл «%(name)s» пустой.") % {"name": name}, code="empty")
    if size > max_size:
        raise ValidationError(
            _("Файл «%(name)s» больше %(limit)s МБ.") % {"name": name, "limit": format_megabytes(max_size)},
            code="too_large",
        )
    ext = _ext_of(name)
    if ext not in extensions:
        raise ValidationError(
            _("Файл «%(name)s»: формат не поддерживается. Допустимы: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(extensions)},
            code="extension",
        )
    if not magic_matches(upload, ext):
        raise ValidationError(
            _("Файл «%(name)s»: содержимое не соответствует расширению .%(ext)s.")
            % {"name": name, "ext": ext},
            code="magic",
        )
    return upload


SIGNATURE_EXTENSIONS = ("sig", "p7s")
SIGNATURE_MAX_SIZE = 1024 * 1024


def validate_signature_upload(upload):
    """A detached signature: .sig/.p7s, at most 1 MB, CMS content (DER — an ASN.1 SEQUENCE — or PEM)."""
    name = clean_filename(getattr(upload, "name", ""))
    size = getattr(upload, "size", 0) or 0
    if size == 0:
        raise ValidationError(_("Приложите файл открепленной подписи (.sig или .p7s)."), code="signature")
    if size > SIGNATURE_MAX_SIZE:
        raise ValidationError(_("Файл подписи «%(name)s» больше 1 МБ.") % {"name": name}, code="signature")
    if _ext_of(name) not in SIGNATURE_EXTENSIONS:
        raise ValidationError(
            _("Файл «%(name)s» — не файл открепленной подписи: допустимы .sig и .p7s.") % {"name": name},
            code="signature",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not (head[:1] == b"\x30" or head.lstrip().startswith(b"-----BEGIN")):
        raise ValidationError(
            _("Файл «%(name)s»: содержимое не похоже на электронную подпись.") % {"name": name},
            code="signature",
        )
    return upload


def attachment_response(fieldfile, filename: str):
    """Serve a private file as a download; 404 when it is gone from storage."""
    try:
        handle = fieldfile.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    filename = clean_filename(filename)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


#: The content type of .xlsx downloads.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bytes_response(content: bytes, filename: str, content_type: str | None = None, *, private: bool = True):
    """Generated bytes (a PDF, a spreadsheet, a calendar) as a download named *filename* (RFC 6266
    header, see ``content_disposition``); *private*: never cached (the person's own data)."""
    from django.http import HttpResponse

    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


def download(queryset, pk):
    """The file of object *pk* from *queryset* (an owner-scoped selector) as a download: 404 for an
    object outside the queryset — another person's — or a file gone from storage."""
    from django.shortcuts import get_object_or_404

    obj = get_object_or_404(queryset, pk=pk)
    return attachment_response(obj.file, obj.original_name)


def safe_display_name(name):
    return get_valid_filename(clean_filename(name))


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)


def ascii_filename(name: str) -> str:
    """An ASCII stand-in for *name* (Russian transliterated, the rest reduced to [A-Za-z0-9._-])."""
    out = []
    for ch in name:
        low = ch.lower()
        if low in _TRANSLIT:
            rep = _TRANSLIT[low]
            out.append(rep.capitalize() if ch != low else rep)
        else:
            out.append(ch)
    text = "".join(out)
    text = "".join(ch if (ch.isascii() and (ch.isalnum() or ch in "._-")) else "-" for ch in text)
    while "--" in text:
        text = text.replace("--", "-")
    return text.strip("-") or "file"


def content_disposition(filename: str, *, attachment: bool = True) -> str:
    """``attachment; filename="<ASCII>"; filename*=UTF-8''<name>`` (RFC 6266/5987): old clients get
    the transliterated name, every current browser the real one."""
    from urllib.parse import quote

    filename = clean_filename(filename)
    kind = "attachment" if attachment else "inline"
    fallback = ascii_filename(filename)
    if fallback == filename:
        return f'{kind}; filename="{filename}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
