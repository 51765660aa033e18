"""Words for the forum's demo: practical organising questions and answers, written for the hub."""

# (asker, title, body, tags)
QUESTIONS = [
    (
        "member-alice",
        "How do I start door knocking on an estate where nobody knows me?",
        "I have a list of three blocks and no contacts. What do I say in the first ten seconds at the door?",
        ["door knocking", "getting started"],
    ),
    (
        "member-bilal",
        "What should I write down after a door knock?",
        "I keep forgetting who said what. Is there a simple sheet people use?",
        ["door knocking", "record keeping"],
    ),
    (
        "member-carys",
        "How long should a one-to-one last?",
        "My first few one-to-ones ran past an hour and people looked tired. Is there a rule of thumb?",
        ["one-to-ones"],
    ),
    (
        "member-dan",
        "How do I ask for a one-to-one without it feeling like a sales pitch?",
        "People hear 'can we meet for a chat' and assume I want money or a vote.",
        ["one-to-ones", "getting started"],
    ),
    (
        "member-esther",
        "What is a power map and when should we draw one?",
        "Our group keeps talking about 'the council' as one thing. Someone suggested a power map.",
        ["power mapping"],
    ),
    (
        "member-frank",
        "How do we find out who actually decides on the bus route?",
        "The transport officer says it is not his call. Who else should be on our map?",
        ["power mapping", "research"],
    ),
    (
        "member-grace",
        "How many conversations make a listening campaign?",
        "We want to hear from the whole street before choosing an issue. How many is enough?",
        ["listening campaign"],
    ),
    (
        "member-harry",
        "How do we turn what we heard in a listening campaign into one issue?",
        "We have 140 conversations and twenty different problems. How do people choose?",
        ["listening campaign", "choosing issues"],
    ),
    (
        "member-iris",
        "Our host organisation wants to approve every leaflet. Is that normal?",
        "We are hosted by a housing association and they ask to see everything before it goes out.",
        ["host organisations"],
    ),
    (
        "member-jamal",
        "What should a hosting agreement cover?",
        "We are about to start with a new host. What should we agree in writing first?",
        ["host organisations", "agreements"],
    ),
    (
        "member-kate",
        "How can a co-trainer with a learning disability lead part of a session?",
        "One of our members wants to co-train. What support has worked for others?",
        ["co-trainers", "access needs"],
    ),
    (
        "member-lewis",
        "How do we pay co-trainers who receive benefits without causing problems?",
        "We want to pay people fairly but do not want to affect their benefits.",
        ["co-trainers", "money"],
    ),
    (
        "amara",
        "What does the training pathway look like after the first weekend?",
        "New people ask me what comes next and I am not sure how to describe it simply.",
        ["training pathway"],
    ),
    (
        "ben",
        "Who should go to Action Camp?",
        "We have two places. How do other groups decide who goes?",
        ["action camp", "training pathway"],
    ),
    (
        "chloe",
        "What should we check before a young person joins a door-knocking team?",
        "A 16-year-old wants to join us on Saturday. What safeguarding steps do we need?",
        ["safeguarding", "door knocking"],
    ),
    (
        "dev",
        "Someone told me something worrying in a one-to-one. What now?",
        "They asked me not to tell anyone, but I am worried about their safety.",
        ["safeguarding", "one-to-ones"],
    ),
    (
        "eilidh",
        "How do you notice burnout in yourself before it is too late?",
        "I went from loving this to dreading my phone in about a month.",
        ["burnout", "wellbeing"],
    ),
    (
        "farah",
        "How do we share the load so one person is not doing everything?",
        "Our chair answers every message and is exhausted. How have other groups spread the work?",
        ["burnout", "building leaders"],
    ),
    (
        "gareth",
        "How do we run a first public meeting that people come back to?",
        "Last time 40 came and only 6 came to the next one.",
        ["public meetings", "getting started"],
    ),
    (
        "hana",
        "How do I chair a meeting when one person talks over everyone?",
        "Every meeting ends up being about one person's issue.",
        ["public meetings", "facilitation"],
    ),
    (
        "isaac",
        "What is the difference between a problem and an issue?",
        "Trainers keep saying 'that is a problem, not an issue'. What do they mean?",
        ["choosing issues"],
    ),
    (
        "jo",
        "How do we pick a first campaign we can actually win?",
        "We want an early win to build confidence but everything feels huge.",
        ["choosing issues", "campaigns"],
    ),
    (
        "kofi",
        "How do we prepare for a meeting with a council leader?",
        "We finally have 30 minutes with the leader. How do we use it well?",
        ["campaigns", "power mapping"],
    ),
    (
        "leah",
        "What do we do after an action to keep momentum?",
        "The action went well but a week later everything went quiet.",
        ["campaigns", "building leaders"],
    ),
    (
        "marcus",
        "How do you follow up after a one-to-one?",
        "I have good conversations but nothing happens afterwards.",
        ["one-to-ones", "building leaders"],
    ),
    (
        "nadia",
        "How do we make a door-knocking session accessible for wheelchair users?",
        "Half our street has steps. One of our best organisers uses a wheelchair.",
        ["door knocking", "access needs"],
    ),
    (
        "owen",
        "How do we keep contact details safe?",
        "We collect phone numbers on paper sheets. Is that OK?",
        ["record keeping", "safeguarding"],
    ),
    (
        "priya",
        "How do we welcome people who do not speak English as a first language?",
        "A third of the estate speaks Polish or Somali at home.",
        ["public meetings", "access needs"],
    ),
    (
        "rosa",
        "Is it worth door knocking in the rain?",
        "Honestly, people do not open the door. Should we move it?",
        ["door knocking"],
    ),
    (
        "sam",
        "How do we research who owns the empty shops on the high street?",
        "We want to talk to the owners but the letting agent will not say.",
        ["research", "power mapping"],
    ),
    (
        "tomasz",
        "How do we explain community organising to a funder in one paragraph?",
        "Our funder wants outcomes. How do people describe what organisers do?",
        ["money", "host organisations"],
    ),
    (
        "una",
        "What makes a good role play in training?",
        "Our role plays feel awkward and people laugh through them.",
        ["training pathway", "facilitation"],
    ),
    (
        "victor",
        "How do we evaluate a training weekend?",
        "We hand out forms but learn very little from them.",
        ["training pathway", "record keeping"],
    ),
    (
        "wren",
        "How do we find new leaders instead of the usual faces?",
        "The same six people turn up to everything.",
        ["building leaders", "one-to-ones"],
    ),
    (
        "host-riverside",
        "What support should a host give a new organiser in the first month?",
        "We are hosting for the first time and want to get it right.",
        ["host organisations"],
    ),
    (
        "host-northgate",
        "How do we handle a disagreement between our board and the organising group?",
        "Our board is nervous about a campaign that names the council.",
        ["host organisations", "campaigns"],
    ),
    (
        "host-keystone",
        "Can a support worker come along to training with a co-trainer?",
        "One of our members needs their support worker with them.",
        ["co-trainers", "access needs"],
    ),
    (
        "host-harbour",
        "What insurance do we need for street stalls and door knocking?",
        "Our insurer asked us what 'door knocking' means.",
        ["safeguarding", "host organisations"],
    ),
    (
        "member-alice",
        "How do I say no to extra tasks without letting the group down?",
        "I keep saying yes and then resent it.",
        ["burnout", "wellbeing"],
    ),
    (
        "member-carys",
        "What questions work best in a one-to-one?",
        "I run out of questions after about ten minutes.",
        ["one-to-ones"],
    ),
    (
        "member-esther",
        "How do we map power inside our own group?",
        "Some people's ideas always win. Can we map that too?",
        ["power mapping", "building leaders"],
    ),
    (
        "member-grace",
        "How do we thank people who took part in the listening campaign?",
        "We want to report back to everyone we spoke to.",
        ["listening campaign", "public meetings"],
    ),
    (
        "member-iris",
        "How do I get started with door knocking?",
        "I have never knocked on a door for a cause before. Where do I begin?",
        ["door knocking", "getting started"],
    ),
]

# Answers, drawn by tag. Each is a short, practical reply in plain words.
ANSWERS = {
    "door knocking": [
        "Go in pairs and start with the doors you can see from the street. Say who you are, that you live nearby, "
        "and ask one open question: 'What would you change about living here?' Then listen.",
        "We use a half-page sheet: door number, name if offered, what they care about, and whether they want to "
        "hear more. Fill it in straight after each door, not at the end of the street.",
        "Weekday evenings between 5 and 7 worked best for us. Saturday mornings are good for families.",
    ],
    "one-to-ones": [
        "Aim for 30 to 40 minutes. Say at the start how long you have, and stop on time even when it is going well. "
        "People trust you more when you keep your word about small things.",
        "Ask about stories, not opinions: 'What made you get involved in the school?' Stories show what someone "
        "cares about and what they might do next.",
        "Always end with a next step, even a small one, and write it down where they can see you do it.",
    ],
    "power mapping": [
        "Draw the decision in the middle, then everyone who can say yes or no to it, then who influences them. "
        "Draw lines for relationships you already have. The gaps tell you who to meet next.",
        "Public minutes and the register of interests are a good first source. Then ask officers who else was "
        "in the room when it was decided.",
    ],
    "listening campaign": [
        "We aimed for one conversation for every ten households and it felt about right. More important than the "
        "number is hearing from every part of the street, not only the people who always come.",
        "Sort what you heard into piles with the people who did the listening, then vote on which pile is most "
        "winnable and most widely felt. Report back to everyone before you start.",
    ],
    "host organisations": [
        "Agree early what needs sign-off and what does not. We settled on: anything with the host's logo needs "
        "approval, anything in the group's own name does not.",
        "Write down who line-manages the organiser, who the group answers to, how money is held, and what happens "
        "if you disagree. Review it after three months.",
    ],
    "co-trainers": [
        "Plan the session together a week ahead and give the co-trainer one section they own from start to "
        "finish. Easy-read notes and a practice run made the biggest difference for us.",
        "Ask the person what support they want rather than guessing. For some it was a printed script, for others "
        "a signal to take a break.",
    ],
    "access needs": [
        "Ask in the sign-up form what would help people take part, and act on it before the day. Step-free routes, "
        "large print and quiet breaks cost little when planned.",
    ],
    "safeguarding": [
        "Follow your host's safeguarding policy and tell the named safeguarding lead the same day. You cannot "
        "promise to keep a risk of harm secret: say that kindly and explain what happens next.",
        "Under-18s should always be paired with a checked adult and never go into a home. Get a parent's consent "
        "in writing before the first session.",
    ],
    "burnout": [
        "Watch for the small signs: dreading messages, skipping meals, snapping at people you like. Take a week "
        "off before you need a month off, and tell the group you are doing it.",
        "Give every task an owner and a deputy. Rotate chairing. Agree times when nobody answers group messages.",
    ],
    "training pathway": [
        "After the first weekend people usually shadow an organiser on a campaign, then co-lead a session, then "
        "go to Action Camp. Describe it as 'learn, try, lead'.",
        "Collect one story from each participant a month later: what did they do differently? That tells you more "
        "than any feedback form.",
    ],
    "action camp": [
        "Send people who are already doing the work and are ready to lead more, not the most senior. Ask them to "
        "run a short session for the group when they get back.",
    ],
}
GENERIC_ANSWERS = [
    "Start small and make it easy to say yes. A clear, short ask works better than a big plan.",
    "Ask the people affected first. They usually know more than we do about what will work.",
    "Write down what you agreed and who will do it by when, then check in a week later.",
    "We tried this last year: keep it simple and celebrate small wins out loud.",
]
COMMENTS = [
    "Which area is this in?",
    "Thanks, this is really useful.",
    "Could you say more about how you followed up?",
    "We did something similar and it worked well.",
    "Is there a template for this?",
]
FEEDBACK = {
    1: ["Clear and practical", "Exactly what I needed", "Tried it, it worked", "Kind and useful", ""],
    0: ["OK, but a bit general", "", "Useful for some groups"],
    -1: ["Did not answer the question", "Out of date", "Too vague to use"],
}
