"""The hub's training pathway, its stages and Go Deeper routes, and what trainers may edit in the admin.

Stages are linked to their wiki pages in the admin (or by `load_demo`): the wiki's pages do not
exist when this migration runs.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PATHWAY = (
    "Community organiser training year",
    "training-year",
    "A year of learning by doing: a residential to start, guided sessions between stretches of "
    "listening and action in your patch, a plan at six months, deeper learning, visits, and a "
    "graduation at twelve months.",
)

# slug, title, short title, kind, summary, preparation, reflection prompt, due month
STAGES = [
    (
        "foundations",
        "Foundations residential",
        "Foundations",
        "foundations",
        "Three days away with other new organisers: the key ideas of organising, practice conversations, "
        "and time to think together about what you notice.",
        "Bring a story about a time you, or someone you know, changed something where you live. "
        "Let your host know when you will be away.",
        "",
        None,
    ),
    (
        "e1",
        "E1: Listening to people you know",
        "E1",
        "e_session",
        "A guided half-day to look back on your first listening with friends, family and people at your "
        "host, and to get ready for listening on the doorstep.",
        "Have one-to-one conversations with people you already know. Ask what they care about and why. "
        "Write down what you heard, not what you think of it.",
        "What did people care about most? When did you talk when you could have listened? "
        "What will you do differently when you knock on doors?",
        None,
    ),
    (
        "e2",
        "E2: Wider listening and local power",
        "E2",
        "e_session",
        "A guided half-day on listening across your patch, and a first look at who holds power over "
        "the things people raise.",
        "Listen more widely: door to door and where people gather. Make a point of finding people who "
        "are rarely asked what they think.",
        "Whose voices did you hear for the first time? Who holds power over what people raised, "
        "and who might help to shift it?",
        None,
    ),
    (
        "e3",
        "E3: From listening to action",
        "E3",
        "e_session",
        "A guided half-day to turn your listening notes into actions that people will own themselves.",
        "Go through your notes. Group what you heard into themes, and note who raised each one.",
        "Which themes came up again and again? Which actions would people take on themselves, rather "
        "than hand to you? What do you need to get started?",
        None,
    ),
    (
        "e4",
        "E4: Looking back on action",
        "E4",
        "e_session",
        "A guided half-day to ask what your actions achieved, and to get ready for Action Camp.",
        "Take action with the people you listened to, and keep short notes of what happened and who came.",
        "What changed because of the action? What did you learn about power, and about the people you "
        "work with? What will you bring to Action Camp?",
        None,
    ),
    (
        "confirmation",
        "Confirmation of plan",
        "Plan",
        "confirmation",
        "At about six months you talk through your action plan and your Go Deeper choice with a trainer. "
        "It is a conversation, not an exam, and it comes with a certificate.",
        "Write up your action plan in your own words, and choose your Go Deeper route.",
        "",
        7,
    ),
    (
        "go-deeper",
        "Go Deeper learning",
        "Go Deeper",
        "go_deeper",
        "At least six months of deeper learning on the route you chose: a course, or time alongside "
        "people who organise in one tradition.",
        "Agree your route and provider with your trainer, and plan when you will study.",
        "",
        None,
    ),
    (
        "visits",
        "Visits to organisers and projects",
        "Visits",
        "visits",
        "Visit other organisers, host organisations and exemplar projects to see how they work, and bring "
        "ideas home to your patch.",
        "Pick places whose work is close to what your patch raised. The map of hosts and projects helps.",
        "",
        None,
    ),
    (
        "graduation",
        "Graduation",
        "Graduation",
        "graduation",
        "At about twelve months you look back on your plan and your learning, and receive a diploma.",
        "Gather your reflections and notes from the year.",
        "What did you set out to do, and what happened? What did your Go Deeper learning and your visits "
        "teach you? What will you carry on doing?",
        13,
    ),
]

GO_DEEPER = [
    ("Postgraduate diploma in community organising", "A university course, studied alongside your work."),
    ("Postgraduate certificate in community enterprise", "A university course on enterprise that serves a community."),
    ("Training for Transformation", "Time alongside people who use popular education and community animation."),
    ("Citizen organising", "Time inside a broad-based alliance of faith, school and community groups."),
    ("Community assets and enterprise", "Time with groups that own and run buildings, land and businesses together."),
    ("Another route", "A route you agree with your trainer."),
]

TRAINER_PERMISSIONS = ["change_stage", "view_stage", "add_godeeperoption", "change_godeeperoption", "view_godeeperoption"]


def forwards(apps, schema_editor):
    Pathway = apps.get_model("pathway", "Pathway")
    Stage = apps.get_model("pathway", "Stage")
    GoDeeperOption = apps.get_model("pathway", "GoDeeperOption")
    name, slug, intro = PATHWAY
    pathway, _ = Pathway.objects.get_or_create(slug=slug, defaults={"name": name, "intro": intro})
    for order, (stage_slug, title, short, kind, summary, preparation, prompt, due) in enumerate(STAGES, start=1):
        Stage.objects.get_or_create(
            pathway=pathway,
            slug=stage_slug,
            defaults={
                "title": title,
                "short_title": short,
                "kind": kind,
                "sort_order": order,
                "summary": summary,
                "preparation": preparation,
                "reflection_prompt": prompt,
                "due_month": due,
            },
        )
    for order, (option, description) in enumerate(GO_DEEPER, start=1):
        GoDeeperOption.objects.get_or_create(
            pathway=pathway, name=option, defaults={"description": description, "sort_order": order}
        )
    _grant_trainers(apps)


def _grant_trainers(apps):
    app_config = apps.get_app_config("pathway")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    trainers, _ = Group.objects.get_or_create(name="Trainer")
    trainers.permissions.add(
        *Permission.objects.filter(content_type__app_label="pathway", codename__in=TRAINER_PERMISSIONS)
    )


def backwards(apps, schema_editor):
    apps.get_model("pathway", "Pathway").objects.filter(slug=PATHWAY[1]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pathway", "0001_initial"),
        ("hub", "0005_trainer_role"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
