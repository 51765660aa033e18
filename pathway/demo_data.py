"""The demo's training year: three cohorts at different points, their teams, sessions, the stages each
organiser has done, their reflections and their visits. Days count from each cohort's start, which
counts back from the day the demo is loaded, so the cohort view always has someone graduated, someone
overdue and someone who has just come back from Foundations.

Same shape as profiles/demo_data.py: plain data, read by pathway/demo.py.
"""

# People who hold the Trainer role in the demo (organisers in hub/demo.py who also train).
TRAINERS = ["priya", "eilidh"]

# The co-trainer, marked by a trainer with the consent she gave.
CO_TRAINER = {
    "username": "member-iris",
    "recorded_by": "eilidh",
    "days_ago": 420,
    "how": "with_supporter",
    "note": "Said yes at a Keystone members' meeting with her support worker there. Happy to be named on the hub.",
}

# The stage's wiki page, found by its slug (the wiki demo makes these pages).
WIKI_PAGES = {
    "foundations": "foundations-residential",
    "e1": "e1-listening-to-people-you-know",
    "e2": "e2-wider-listening-and-local-power",
    "e3": "e3-finding-actions-in-what-you-heard",
    "e4": "e4-reflecting-on-action",
    "confirmation": "confirmation-of-plan",
    "go-deeper": "go-deeper-options",
    "graduation": "graduation",
}

RESIDENTIAL_CENTRE = "Calder Valley residential centre, Hebden Bridge"

# name: started (days ago), area, team, sessions as (stage, day, place, days long, team),
# attendance as {username: {stage: status}} where anyone not named came.
COHORTS = {
    "Pennines cohort": {
        "days_ago": 372,
        "area": "Yorkshire and the North West",
        "team": ["priya", "member-iris"],
        "sessions": [
            ("foundations", 0, RESIDENTIAL_CENTRE, 3, ["priya", "member-iris"]),
            ("e1", 38, "Riverside Community Trust, Leeds", 1, ["priya", "member-iris"]),
            ("e2", 73, "Millbrook Faith and Community, Bradford", 1, ["priya"]),
            ("e3", 108, "Keystone Support Network, Manchester", 1, ["priya", "member-iris"]),
            ("e4", 148, "Riverside Community Trust, Leeds", 1, ["priya", "member-iris"]),
        ],
        "absent": {"ben": {"e3": "apologies", "e4": "absent"}},
    },
    "Marches cohort": {
        "days_ago": 110,
        "area": "Midlands and Wales",
        "team": ["eilidh", "priya", "member-iris"],
        "sessions": [
            ("foundations", 0, RESIDENTIAL_CENTRE, 3, ["priya", "eilidh"]),
            ("e1", 35, "Eastfield Tenants Association, Nottingham", 1, ["eilidh", "member-iris"]),
            ("e2", 70, "Moorland Villages Forum, Brecon", 1, ["eilidh", "member-iris"]),
            ("e3", 105, "Canalside Youth Project, Birmingham", 1, ["eilidh", "member-iris"]),
            ("e4", 140, "Eastfield Tenants Association, Nottingham", 1, ["eilidh", "member-iris"]),
        ],
        "absent": {"leah": {"e2": "apologies"}},
    },
    "Canal towns cohort": {
        "days_ago": 9,
        "area": "Birmingham and Manchester",
        "team": ["priya", "eilidh"],
        "sessions": [
            ("foundations", 0, RESIDENTIAL_CENTRE, 3, ["priya", "eilidh"]),
            ("e1", 30, "Canalside Youth Project, Birmingham", 1, ["eilidh"]),
        ],
        "absent": {},
    },
}

GO_DEEPER = {
    "chloe": ("Training for Transformation", "Calder popular education network"),
    "isaac": ("Citizen organising", "West Yorkshire alliance of congregations and schools"),
    "nadia": ("Community assets and enterprise", "Bradford community buildings network"),
}

# username: (cohort, {stage slug: day from the cohort's start}). Sessions fall on the same days.
ORGANISERS = {
    # Graduated: every stage done.
    "chloe": (
        "Pennines cohort",
        {
            "foundations": 2,
            "e1": 38,
            "e2": 73,
            "e3": 108,
            "e4": 148,
            "confirmation": 181,
            "go-deeper": 200,
            "visits": 262,
            "graduation": 365,
        },
    ),
    # Confirmation of plan and a Go Deeper route; graduation is not due yet.
    "isaac": (
        "Pennines cohort",
        {"foundations": 2, "e1": 38, "e2": 73, "e3": 108, "e4": 148, "confirmation": 186, "go-deeper": 205},
    ),
    "nadia": (
        "Pennines cohort",
        {"foundations": 2, "e1": 38, "e2": 73, "e3": 108, "e4": 148, "confirmation": 190, "go-deeper": 214},
    ),
    # No Confirmation of plan seven months after Foundations: overdue.
    "ben": ("Pennines cohort", {"foundations": 2, "e1": 38, "e2": 73}),
    # Part way through the guided sessions.
    "owen": ("Marches cohort", {"foundations": 2, "e1": 35, "e2": 70, "e3": 105}),
    "sam": ("Marches cohort", {"foundations": 2, "e1": 35, "e2": 70}),
    "leah": ("Marches cohort", {"foundations": 2, "e1": 35}),
    # Just back from the Foundations residential.
    "hana": ("Canal towns cohort", {"foundations": 2}),
    "wren": ("Canal towns cohort", {"foundations": 2}),
}

# (username, stage, visibility, title, body). Each in the organiser's own words.
REFLECTIONS = [
    (
        "chloe",
        "e1",
        "public",
        "What the pantry volunteers told me",
        "I started with the people I already knew: six volunteers at the food pantry, my sister and "
        "two neighbours. I thought they would talk about food. They talked about **rent** and about "
        "how tired they are of being grateful.\n\n"
        "I talked too much in the first two conversations. By the fourth I had learned to count to "
        "five in my head before filling a silence, and that is when people said the real things.",
    ),
    (
        "chloe",
        "e2",
        "trainers",
        "Doorsteps on Beck Road",
        "Forty doors over three evenings. The people I had never met before were the ones who cared "
        "most about the damp, and nobody had ever asked them. Two flats had a landlord nobody could "
        "name.\n\nI am not sure yet who holds the power here: the housing association, the council, "
        "or the company that does the repairs. Could we talk this through at the next session?",
    ),
    (
        "chloe",
        "e3",
        "private",
        "Too many themes",
        "I have nine themes from my notes and I want to do all of them. Honestly I am scared of "
        "picking the wrong one and letting people down. Damp came up most, and the people who raised "
        "it want to meet. Start there.",
    ),
    (
        "chloe",
        "e4",
        "trainers",
        "Our first meeting with the housing association",
        "Eleven tenants came and four of them spoke. The housing association sent someone senior, "
        "which we did not expect. We got a date for the surveys, in writing.\n\n"
        "What I learned: the tenants were far better in the room than I would have been. My job was "
        "the phone calls beforehand and the lift to the meeting.",
    ),
    (
        "chloe",
        "graduation",
        "public",
        "A year on Beck Road",
        "A year ago I handed out food parcels. Now the pantry volunteers run a tenants' group of "
        "thirty households, and the damp surveys are done. I have not fixed anything myself, and "
        "that is the point.\n\n"
        "My Go Deeper learning gave me words for what I was already trying to do: start from what "
        "people know, and ask questions rather than give answers. The visit to Keystone changed how "
        "I plan meetings. I now ask about access before I book a room, not after.\n\n"
        "Next: the group wants to talk to the council about the bins. I will keep listening.",
    ),
    (
        "isaac",
        "e1",
        "trainers",
        "Three congregations, one worry",
        "I listened to people from all three congregations after services and over tea. The thing "
        "they share is fuel bills, but they talk about it differently: one group as a money problem, "
        "one as loneliness, because people stay in one cold room.",
    ),
    (
        "isaac",
        "e2",
        "public",
        "Who decides about warm spaces",
        "I mapped who decides where the warm spaces are and when they open. Most of the decisions "
        "are made by three people, and two of them had never met anyone who uses a warm space. "
        "We invited them to lunch.",
    ),
    (
        "isaac",
        "e3",
        "trainers",
        "From lunches to a plan",
        "People want the warm spaces open on Sundays, when everything else is shut. The volunteers "
        "will run it if the council pays for the heating. That is our first ask.",
    ),
    (
        "isaac",
        "e4",
        "private",
        "The meeting that went wrong",
        "The councillor did not come and sent an email instead. People were angry, and some of it "
        "landed on me. I should have had a plan for what we would do if she did not turn up.",
    ),
    (
        "nadia",
        "e1",
        "public",
        "Loneliness first",
        "I expected older people to tell me about buses and doctors. Almost everyone told me about "
        "being alone, and several said they had not had a proper conversation for a week. I went "
        "home and cried, then wrote it all down.",
    ),
    (
        "ben",
        "e1",
        "trainers",
        "Listening after the floods",
        "My neighbours want to talk about the floods, but mostly about how nobody came back after "
        "the first week. I kept wanting to promise things. I did not, and it was hard.",
    ),
    (
        "ben",
        "e2",
        "private",
        "Falling behind",
        "I have done fewer doors than I meant to. Work has been long and the evenings are dark. I "
        "need to tell my trainer rather than hope she does not notice.",
    ),
    (
        "owen",
        "e1",
        "public",
        "Everyone knows everyone",
        "In a village you cannot listen to strangers: there are none. What I did instead was listen "
        "to people I thought I knew, and I found out I did not know them at all.",
    ),
    (
        "owen",
        "e2",
        "trainers",
        "The broadband map",
        "I went to every farm on the top road. Nine households have no signal at all, and the "
        "parish council had the number as two. Who keeps that map, and who paid for it?",
    ),
    (
        "owen",
        "e3",
        "trainers",
        "Picking one thing",
        "We chose the village hall over broadband, because people can save it themselves and win "
        "something this year. Broadband needs allies we do not have yet.",
    ),
    (
        "sam",
        "e1",
        "trainers",
        "My first twenty conversations",
        "I listened to my mates from football, my mum, and people at Riverside. I learned that I "
        "ask two questions at once when I am nervous. Amara says everyone does at the start.",
    ),
    (
        "sam",
        "e2",
        "private",
        "Knocking on doors in the rain",
        "Some people shut the door. One man talked for forty minutes about the lift in his block "
        "being broken since March. I did not know what to say when he asked what I would do about it.",
    ),
    (
        "leah",
        "e1",
        "private",
        "Listening in my own classroom",
        "My learners talk about rent and shifts before class starts. This time I listened instead of "
        "getting the lesson going. I am not sure where the line is between teacher and organiser.",
    ),
]

# (username, place name as in the hub, or a place outside it; days from the cohort's start; what they took away)
VISITS = [
    (
        "chloe",
        "Keystone Support Network",
        230,
        "Members chose the campaign and the trainers followed. Every meeting starts by asking what "
        "people need to take part.",
    ),
    (
        "chloe",
        "Harbour Lane Centre",
        262,
        "Twenty groups, one list of demands. They keep the list short so everyone can remember it.",
    ),
    (
        "isaac",
        "Canalside Youth Project",
        240,
        "The young people chair their own meetings. The adults sit at the back and take notes.",
    ),
    (
        "nadia",
        "Riverside Community Trust",
        250,
        "They run their building with the people who use it. I want to ask our hall committee to visit.",
    ),
    (
        "nadia",
        "Tenants' hall, Walker, Newcastle",
        270,
        "A hall that older residents took over from the council. They open it six days a week.",
    ),
]
