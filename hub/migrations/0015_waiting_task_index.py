"""An index on the waiting tasks of the database queue by task and arguments: every rating asks
whether the same index refresh already waits (hub.tasks.enqueue_unless_waiting), and without one
that question read every waiting task, a cost that grew with the queue's backlog (0.45 ms at 1,700
waiting tasks on PostgreSQL, more as a write burst outruns the workers)."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS hub_tasks_waiting_by_task_and_arguments "
    "ON django_tasks_database_dbtaskresult (task_path, args_kwargs) WHERE status = 'READY'"
)
DROP = "DROP INDEX IF EXISTS hub_tasks_waiting_by_task_and_arguments"


class Migration(migrations.Migration):
    dependencies = [
        ("hub", "0014_user_feedback_window_start"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunSQL(CREATE, DROP)]
