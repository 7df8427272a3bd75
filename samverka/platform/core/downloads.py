"""A stored upload handed back as a download."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def stored_file_response(file: FieldFile, *, name: str, content_type: str) -> FileResponse:
    """``file`` as an attachment named ``name`` (the sanitised original name), of the type found at upload.

    A file gone from the storage answers 404; ``nosniff`` keeps the browser from guessing another type.
    """
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
