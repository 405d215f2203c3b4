"""Downloads as PDF: one way for every part (the pooling agreement, the print packs).

WeasyPrint writes tagged PDF/UA-1, so screen readers can read it: headings, lists and tables
keep their structure, and the document has a language and a title (from <html lang> and
<title>).
"""

from __future__ import annotations

from django.http import HttpResponse


def tagged_pdf(html: str, base_url: str) -> bytes:
    # Imported here: WeasyPrint loads Pango when imported, and only PDF downloads need it.
    import weasyprint

    return weasyprint.HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant="pdf/ua-1", pdf_tags=True
    )


def pdf_response(html: str, request, filename: str) -> HttpResponse:
    """The HTML as a tagged PDF download called ``filename``."""
    pdf = tagged_pdf(html, request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
