"""StreamField blocks for an event's programme: days, each with its sessions in order."""

from wagtail import blocks

WELCOME = {"time": "10:00", "title": "Welcome circle", "description": "Names, hopes and a cup of tea."}


class ProgrammeItemBlock(blocks.StructBlock):
    time = blocks.CharBlock(max_length=40, help_text="For example “10:00” or “After lunch”.")
    title = blocks.CharBlock(max_length=160)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "time"
        template = "events/blocks/programme_item.html"
        preview_value = WELCOME


class ProgrammeDayBlock(blocks.StructBlock):
    day = blocks.CharBlock(max_length=80, help_text="For example “Saturday 6 June”.")
    items = blocks.ListBlock(ProgrammeItemBlock())

    class Meta:
        icon = "date"
        template = "events/blocks/programme_day.html"
        preview_value = {"day": "Saturday", "items": [WELCOME]}


class ProgrammeBlock(blocks.StreamBlock):
    """The programme: one block per day."""

    day = ProgrammeDayBlock()

    class Meta:
        icon = "list-ul"
        template = "events/blocks/programme.html"
        preview_value = [("day", {"day": "Saturday", "items": [WELCOME]})]
