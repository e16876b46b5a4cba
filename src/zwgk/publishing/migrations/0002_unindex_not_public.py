"""Before Document.objects.public(), items published as 依申请公开 or 不予公开 were indexed like any other: their
search entries (title, snippet, 索引号) must go, or the public search would still find them after the upgrade."""

from django.db import migrations

HIDDEN_KINDS = ("document", "interpretation")


def unindex(apps, schema_editor):
    from zwgk.core import audit
    from zwgk.search import index  # the live index writer: it keeps the engine's full-text table in step

    Document = apps.get_model("publishing", "Document")
    SearchEntry = apps.get_model("search", "SearchEntry")
    public = Document.objects.filter(status="published", disclosure_mode="active").values_list("pk", flat=True)
    public_ids = {str(pk) for pk in public}
    stale = SearchEntry.objects.filter(kind__in=HIDDEN_KINDS).exclude(object_id__in=public_ids)
    with audit.allow_direct_writes():  # the operator's migration, not a service
        for kind, object_id in list(stale.values_list("kind", "object_id")):
            index.remove(kind, object_id)


class Migration(migrations.Migration):
    dependencies = [("publishing", "0001_initial"), ("search", "0004_recency")]
    operations = [migrations.RunPython(unindex, migrations.RunPython.noop)]
