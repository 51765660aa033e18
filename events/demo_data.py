"""The demo's gatherings: Action Camp (full, with a waiting list), a Foundations residential and an
open day. Dates count forward from the day the demo is loaded. Read by events/demo.py."""

ACTION_CAMP = {
    "slug": "action-camp",
    "title": "Action Camp",  # the year it falls in is added
    "kind": "action_camp",
    "summary": "Our yearly long weekend under canvas: every organiser, host and family together, with "
    "stories, planning and a lot of tea.",
    "weeks_ahead": None,  # early summer: the first Saturday of June at least four weeks on
    "days": 3,  # Saturday to Monday
    "venue": "Oakfield Farm",
    "town": "Hebden Bridge",
    "address": "Up the Cragg Vale road, two miles south of the town: follow the signs from the station.",
    "capacity": 48,
    "organisers": ["victor", "eilidh"],
    "children_welcome": True,
    "body": (
        "Once a year everyone on the pathway, everyone who has graduated, the host organisations and "
        "the people they work with come together in one field. Think of a village for a weekend: we "
        "camp, cook, plan and celebrate together.\n\n"
        "**Families are welcome.** Children and young people have their own programme run by "
        "Canalside's young leaders, and their own assembly on Sunday where they question the adults.\n\n"
        "Bring a tent if you have one. We have spare tents, and indoor beds in the farmhouse for "
        "anyone who needs them: say so when you register."
    ),
    "access_info": (
        "- The main marquee, the dining tent and the accessible toilets are on flat, firm ground.\n"
        "- A quiet tent is open all weekend, with no talking after 9 pm.\n"
        "- Two BSL interpreters work the main sessions.\n"
        "- Easy-read programmes are at the welcome tent.\n"
        "- A minibus meets trains at Hebden Bridge station every hour on Saturday morning and on "
        "Monday afternoon.\n\n"
        "Tell us about access needs when you register, so we can arrange them before you arrive."
    ),
    "programme": [
        (
            "Saturday",
            [
                ("From 11:00", "Arrive and pitch tents", "The welcome tent has maps, wristbands and tea."),
                ("14:00", "Opening circle", "Everyone in one big circle: who is here and where from."),
                ("15:30", "Stories from the patches", "Short stories of wins and losses from the year."),
                ("19:00", "Shared supper and music", "Bring a song or a dish from home if you like."),
            ],
        ),
        (
            "Sunday",
            [
                ("10:00", "Young people's assembly", "Young people set the questions; adults answer them."),
                ("11:30", "Campaign clinics", "Bring a stuck campaign and work it through with others."),
                ("14:00", "Graduation", "We celebrate this year's graduates and their diplomas."),
                ("16:00", "Games and the camp walk", "For every age, at every pace."),
                ("20:00", "Campfire", "Stories and songs. Marshmallows for the young and the young at heart."),
            ],
        ),
        (
            "Monday",
            [
                ("10:00", "Action planning by region", "What we will do together in the year ahead."),
                ("13:00", "Closing circle and pack up", "One word each, then everyone helps strike the camp."),
            ],
        ),
    ],
}

# (username, adults, children and young people, access needs, dietary needs), in the order they registered.
# They fill the camp's 48 places exactly; the last three wait.
ACTION_CAMP_REGISTRATIONS = [
    ("amara", 2, 2, "", "One of us is vegetarian."),
    ("chloe", 1, 0, "", ""),
    ("isaac", 2, 3, "", "Halal, please."),
    ("farah", 1, 2, "A tent near the toilets: my youngest is four.", ""),
    ("kofi", 2, 0, "I use a wheelchair. My partner is my support worker.", ""),
    ("member-iris", 2, 0, "My support worker is coming with me. I would like a bed in the farmhouse.", "No nuts."),
    ("nadia", 1, 0, "", "Vegetarian."),
    ("owen", 2, 3, "", ""),
    ("host-canalside", 3, 5, "Two of the young people need a quiet space to go to.", "Two vegan, one coeliac."),
    ("gareth", 1, 0, "", ""),
    ("rosa", 1, 2, "", "Vegetarian."),
    ("tomasz", 2, 2, "Polish interpreter for the opening circle, if possible.", ""),
    ("member-esther", 1, 1, "", "Dairy free."),
    ("victor", 1, 0, "", ""),
    ("eilidh", 1, 0, "BSL interpreter for the campaign clinics, please.", ""),
    ("member-carys", 1, 1, "", ""),
    ("marcus", 2, 1, "", "Our son is allergic to sesame."),
    # Full from here: the waiting list, in order.
    ("sam", 1, 0, "", "Vegan."),
    ("member-bilal", 2, 2, "", "Halal."),
    ("hana", 1, 0, "", ""),
]

FOUNDATIONS = {
    "slug": "foundations-residential-winter",
    "title": "Foundations residential: winter intake",
    "kind": "residential",
    "summary": "Three days away for new organisers to learn the key ideas of organising, practise "
    "conversations and start thinking together.",
    "weeks_ahead": 5,  # the Friday this many weeks on
    "days": 3,
    "venue": "Calder Valley residential centre",
    "town": "Hebden Bridge",
    "address": "",
    "capacity": 30,
    "organisers": ["priya"],
    "children_welcome": False,
    "body": (
        "The first step of the training year. You arrive on Friday morning and leave after lunch on "
        "Sunday. Meals and a single room are included.\n\n"
        "You will practise one-to-one conversations in pairs, talk about power and trust, and plan "
        "your first weeks of listening at home. Nobody is asked to perform: you can always pass."
    ),
    "access_info": (
        "All bedrooms and meeting rooms are step-free. There is a hearing loop in the main room. "
        "Tell us what else you need when you register."
    ),
    "programme": [],
}

FOUNDATIONS_REGISTRATIONS = [
    ("member-dan", 1, 0, "", ""),
    ("member-frank", 1, 0, "I need a ground-floor room.", ""),
    ("member-grace", 1, 0, "", "Vegetarian."),
    ("member-jamal", 1, 0, "", "Halal."),
    ("member-harry", 1, 0, "", ""),
]

OPEN_DAY = {
    "slug": "keystone-open-day",
    "title": "Open day at Keystone Support Network",
    "kind": "open_day",
    "summary": "Drop in to meet Keystone's members and co-trainers and see how they plan campaigns "
    "together. No need to book.",
    "weeks_ahead": 2,  # the Saturday this many weeks on
    "days": 1,
    "venue": "Keystone Support Network",
    "town": "Manchester",
    "address": "",
    "capacity": 0,
    "organisers": ["eilidh"],
    "children_welcome": True,
    "body": (
        "Keystone's members train alongside staff as co-trainers. Come and hear how that works, try a "
        "short listening exercise they run, and ask them anything."
    ),
    "access_info": "Step-free throughout, with a quiet room and easy-read information.",
    "programme": [],
}
