"""Every approved proposal moves with a bundle from now on: give each approved proposal
that has none a bundle of one, with its public version and planning layer."""

from django.db import migrations


def bundles_create(apps, schema_editor):
    Proposal = apps.get_model("forum_anak", "Proposal")
    Bundle = apps.get_model("forum_anak", "Bundle")
    for proposal in Proposal.objects.filter(state="approved", bundle__isnull=True).iterator():
        bundle = Bundle.objects.create(
            cycle_id=proposal.cycle_id,
            state="approved",
            public_title=proposal.public_title,
            public_problem=proposal.public_problem,
            public_activity=proposal.public_activity,
            cluster=proposal.cluster,
            urusan_id=proposal.urusan_id,
            opd_id=proposal.opd_id,
            volume=proposal.volume,
            unit=proposal.unit,
            cost_estimate=proposal.cost_estimate,
        )
        Proposal.objects.filter(pk=proposal.pk).update(bundle=bundle)


class Migration(migrations.Migration):
    dependencies = [("forum_anak", "0009_musrenbang_sessions_bundles")]

    operations = [migrations.RunPython(bundles_create, migrations.RunPython.noop)]
