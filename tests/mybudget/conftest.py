import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from accounts.models import Role
from mybudget.models import Budget
from tests.people import make_user


@pytest.fixture
def holder(db):
    return make_user("Maya H", role=Role.HOLDER, verified=True)


def make_budget(owner, **fields):
    today = timezone.localdate()
    defaults = {
        "name": "Social care budget",
        "given_by": "Oxfordshire County Council",
        "amount_pence": 115000,
        "every": "four_weeks",
        "held_as": "direct_payment",
        "start_date": today - datetime.timedelta(days=10),
    }
    return Budget.objects.create(owner=owner, **{**defaults, **fields})


def png_upload(name="receipt.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 200)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


def pdf_upload(name="receipt.pdf") -> SimpleUploadedFile:
    import weasyprint

    data = weasyprint.HTML(string="<p>Receipt: £54.50 paid to Sam</p>").write_pdf()
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def line_data(**extra):
    data = {
        "direction": "out",
        "on": timezone.localdate().isoformat(),
        "amount": "54.50",
        "what": "Four hours with Sam",
        "who": "Sam",
        "outcome": "See friends more",
    }
    data.update(extra)
    return data
