"""Pictures people upload (avatars, PA photos) are stored as their pixels only.

A phone's photo carries EXIF data: where it was taken (GPS), when, and on which device. Reading
the picture and drawing it again from its pixels keeps none of that, nor comments or the
original file name (which can hold a real name).
"""

from __future__ import annotations

import io
import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError


def reencode_image(upload) -> SimpleUploadedFile:
    """The upload redrawn from its pixels, turned the way the camera meant, under a random
    name: a JPEG stays a JPEG; PNG and WebP become PNG."""
    try:
        upload.seek(0)
        image = Image.open(upload)
        image_format = image.format
        image = ImageOps.exif_transpose(image)
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("We couldn't read that file as a picture. Choose a JPEG, PNG or WebP image.")
        ) from None
    if image_format == "JPEG":
        image = image.convert("RGB")
        extension, content_type, options = "jpg", "image/jpeg", {"quality": 88}
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA"):
            image = image.convert("RGBA")
        image_format, extension, content_type, options = "PNG", "png", "image/png", {}
    clean = Image.frombytes(image.mode, image.size, image.tobytes())  # pixels, nothing else
    out = io.BytesIO()
    clean.save(out, format=image_format, **options)
    return SimpleUploadedFile(
        f"{secrets.token_hex(8)}.{extension}", out.getvalue(), content_type=content_type
    )


def delete_folder(storage, folder: str) -> None:
    """Delete every file in one storage folder (a person's pictures, old ones included)."""
    try:
        _folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
