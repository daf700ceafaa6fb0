"""An admin-started WordPress import, run by the task worker (the run's states change here)."""

from django.db import transaction
from django.utils.translation import gettext as _

from warta.importers.models import ImportRun
from warta.importers.wordpress import ImportSettingsError, WordPressImport
from warta.importers.wxr import WXRError

PROGRESS_EVERY = 20


def start(form, user):
    """Save the upload as a queued run and queue its task once the row is committed."""
    from warta.importers.tasks import run_wordpress_import

    data = form.cleaned_data
    run = ImportRun.objects.create(
        site=data["site"],
        file=data["file"],
        section_map=data["section_map"],
        create_users=data["create_users"],
        dry_run=data["dry_run"],
        started_by=user,
    )
    transaction.on_commit(lambda: run_wordpress_import.enqueue(run.pk))
    return run


def run_import(run_pk):
    claimed = ImportRun.objects.filter(pk=run_pk, state=ImportRun.State.QUEUED).update(
        state=ImportRun.State.RUNNING
    )
    if not claimed:
        return None  # already taken by another worker
    run = ImportRun.objects.get(pk=run_pk)

    def progress(done, total):
        if done % PROGRESS_EVERY == 0 or done == total:
            ImportRun.objects.filter(pk=run_pk).update(done=done, total=total)

    importer = WordPressImport(
        lambda mode: run.file.storage.open(run.file.name, mode),
        run.site,
        section_map=run.section_map,
        create_users=run.create_users,
        dry_run=run.dry_run,
        progress=progress,
    )
    try:
        report = importer.run()
    except (WXRError, ImportSettingsError) as error:
        ImportRun.objects.filter(pk=run_pk).update(
            state=ImportRun.State.FAILED,
            error=_("Nothing imported: %(reason)s") % {"reason": error},
        )
        return None
    ImportRun.objects.filter(pk=run_pk).update(
        state=ImportRun.State.DONE,
        done=importer.done,
        total=importer.total,
        counts=dict(report.counts),
        warnings=[list(warning) for warning in report.warnings],
    )
    return run_pk
