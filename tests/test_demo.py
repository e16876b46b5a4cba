"""`zwgk seed-demo` makes a county's three years: documents published over three calendar years with index numbers of
their years, last year's annual reports published with figures, a year of monthly inspections."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from zwgk.applications.models import AnnualReport
from zwgk.monitoring.models import Run
from zwgk.publishing.models import Document, Kind


@pytest.mark.django_db
def test_the_demo_looks_like_three_real_years():
    call_command("seed-demo", stdout=StringIO())
    today = timezone.localdate()
    public = list(Document.objects.public())
    assert len(public) >= 200
    years = {timezone.localtime(d.published_at).year for d in public}
    assert years == {today.year - 2, today.year - 1, today.year}
    for doc in public:  # the index number carries the year of publication
        assert f"/{timezone.localtime(doc.published_at).year}-" in doc.index_no
        assert doc.published_at <= timezone.now()
    assert len({d.index_no for d in public}) == len(public)
    interpretations = [d for d in public if d.kind == Kind.INTERPRETATION]
    assert interpretations and all(d.policies.public().exists() for d in interpretations)
    assert sum(d.is_normative for d in public) >= 6
    assert len({d.standard_area for d in public if d.standard_area}) == 26
    reports = AnnualReport.objects.filter(year=today.year - 1, published_document_id__isnull=False)
    assert reports.exists()
    published = Document.objects.public().filter(pk__in=reports.values("published_document_id"), genre="年报")
    assert published.count() == reports.count()
    assert any(sum(v for k, v in r.snapshot["table_b"]["cp1"].items() if k != "total") > 0
               or any(any(v for v in row.values()) for row in r.snapshot["table_b"].values()) for r in reports)
    runs = list(Run.objects.filter(site__url__contains="jiaoti.fuliang.example").order_by("checked_on"))
    months = {(r.checked_on.year, r.checked_on.month) for r in runs}
    assert len(months) >= 6 and len({r.score for r in runs}) > 1
    assert all(r.verdict for r in runs)
