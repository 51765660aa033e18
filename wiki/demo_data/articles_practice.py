"""Demo articles: practice guides and thinkers. Written for the demo, in plain words.

Each entry: (title, category slug, tags, summary, first version, later additions).
Each later addition is (organiser username, change note, text appended to the body).
"""

PRACTICE = [
    (
        "Listening one to one",
        "practice-guides",
        ["listening", "one-to-one"],
        "A planned conversation with one person to learn what they care about and why.",
        "A one to one is a conversation with a purpose. You are not selling anything and you are not "
        "running a survey. You want to learn what the other person cares about, what makes them angry "
        "and what they would give time to.\n\n"
        "## Before you start\n\n"
        "- Say who you are and why you are listening.\n"
        "- Ask open questions: *what*, *how*, *tell me about*.\n"
        "- Listen for stories, not just opinions.\n\n"
        "Most organisers start by listening to people they already know, as in "
        "[[E1: Listening to people you know]], before moving on to [[Door-to-door listening]].",
        [
            (
                "ben",
                "Added a section on what to do afterwards",
                "## Afterwards\n\nWrite down what you heard the same day. Note who else the person mentioned: "
                "they are your next conversations. Over time these notes feed [[Analysing what you heard]].",
            ),
            (
                "chloe",
                "Linked to building trust",
                "A good one to one is also the first step in [[Building trust]]: people notice when you come back.",
            ),
        ],
    ),
    (
        "Door-to-door listening",
        "practice-guides",
        ["listening", "door knocking"],
        "Knocking on doors to hear from people you have not met yet, especially those rarely asked.",
        "Door-to-door listening takes the one to one to people you do not know. Go in pairs, keep the "
        "first contact short and ask one good question, such as *what would make this street better?*\n\n"
        "Expect most doors to stay closed. The ones that open often lead to longer conversations later. "
        "See [[Listening one to one]] for the shape of a longer conversation.",
        [
            (
                "dev",
                "Added safety and timing notes",
                "## Safety and timing\n\nTell someone where you are going. Avoid mealtimes. Carry something "
                "that says who you are and who hosts you. Never go inside on a first visit.",
            ),
        ],
    ),
    (
        "Building trust",
        "practice-guides",
        ["trust", "relationships"],
        "Trust grows when people see you listen, come back and do what you said you would.",
        "Trust is built slowly and lost quickly. People judge organisers on small things: turning up "
        "when promised, remembering names, not taking credit.\n\n"
        "Be clear about who pays you and what your host expects. Hidden agendas break trust faster than "
        "anything else. The [[Code of conduct for organisers]] sets out what people can expect from us.",
        [
            (
                "eilidh",
                "Added an example from a rural patch",
                "In a village where people had seen many projects come and go, one organiser spent three months "
                "simply helping at the Saturday market before anyone agreed to a [[Listening one to one|one to one]].",
            ),
        ],
    ),
    (
        "Power mapping",
        "practice-guides",
        ["power", "analysis"],
        "Drawing who decides, who influences them and where your group stands.",
        "A power map is a drawing of who can make the change you want. Put the decision in the middle. "
        "Around it, place the people and bodies who decide, who advise them and who they listen to.\n\n"
        "Then mark your own connections. Often someone in the group knows someone who knows the decision maker.",
        [
            (
                "farah",
                "Added how to use the map in planning",
                "Use the map to choose a first target for [[Action planning]]. Map again after each action: "
                "power moves, and so should your picture of it. [[Saul Alinsky]] wrote about this at length.",
            ),
            (
                "amara",
                "Clarified the difference between formal and informal power",
                "Formal power is written down: councillors, boards, landlords. Informal power is who people "
                "actually listen to: the shop owner, the faith leader, the parent everyone asks for advice.",
            ),
        ],
    ),
    (
        "Action planning",
        "practice-guides",
        ["action", "planning"],
        "Turning what people said into a small, winnable first action with a clear ask.",
        "An action plan answers: what do we want, from whom, by when, and what will we do to get it? "
        "Start small. A first win builds confidence for bigger ones.\n\n"
        "Good plans come from listening. If nobody raised an issue in [[Door-to-door listening]], it is "
        "probably not the right first action.",
        [
            (
                "gareth",
                "Added the evaluation step",
                "## After the action\n\nMeet within a week. Ask: what happened, how did it feel, what did we learn, "
                "what next? This reflection is the heart of [[E4: Reflecting on action]].",
            ),
        ],
    ),
    (
        "Motivation, mandate and mobilisation",
        "practice-guides",
        ["motivation", "mobilisation"],
        "Why people act, who gave you the right to act, and how people come together to do it.",
        "Three words that keep organisers honest. **Motivation**: people act on what they care about, not "
        "what we think they should care about. **Mandate**: the group, not the organiser, decides. "
        "**Mobilisation**: bringing people together at the right moment.\n\n"
        "See [[Power and self-interest]] for why motivation starts with people's own interests.",
        [],
    ),
    (
        "Seeking out people who are not heard",
        "practice-guides",
        ["inclusion", "listening"],
        "Finding and listening to people that meetings and consultations usually miss.",
        "Every neighbourhood has people who never come to meetings: carers, shift workers, young people, "
        "people who do not speak English well, people with support needs. Go to where they are.\n\n"
        "Ask the people you already know: *who do we never hear from?* Then ask for an introduction.",
        [
            (
                "hana",
                "Linked to co-production",
                "Listening is only the start. [[Co-production with people who have support needs]] shows how to "
                "share the work itself, not just ask for views.",
            ),
        ],
    ),
    (
        "Analysing what you heard",
        "practice-guides",
        ["analysis", "listening"],
        "Sorting listening notes into themes people share, and spotting issues ready for action.",
        "After weeks of listening you will have a pile of notes. Read them together with the people you "
        "listened to, not alone. Group what you heard into themes and count how often each comes up.\n\n"
        "An issue is ready for action when many people feel it, it is specific and something can be done "
        "about it soon. This is the work of [[E3: Finding actions in what you heard]].",
        [
            (
                "isaac",
                "Added a simple template",
                "A simple table helps: theme, how many people raised it, strongest story, who could change it.",
            ),
        ],
    ),
    (
        "Code of conduct for organisers",
        "practice-guides",
        ["ethics", "trust"],
        "What people can expect from an organiser, and what organisers expect of each other.",
        "- We say who we are and who hosts us.\n"
        "- We do not make promises for other people.\n"
        "- We keep what people tell us private unless they agree otherwise.\n"
        "- We step back so local people lead.\n\n"
        "These rules of engagement are discussed at the [[Foundations residential]].",
        [
            (
                "jo",
                "Added a line on safeguarding",
                "- We follow our host's safeguarding policy and ask for help when unsure.",
            ),
        ],
    ),
    (
        "Running a house meeting",
        "practice-guides",
        ["meetings", "relationships"],
        "A small gathering in someone's home where neighbours share stories and find common ground.",
        "A house meeting brings six to twelve people together, usually at a neighbour's kitchen table. "
        "Each person shares a story about something that matters to them. The host, not the organiser, "
        "leads.\n\n"
        "House meetings often follow [[Listening one to one|one to ones]] and come before a first "
        "[[Action planning|action plan]].",
        [],
    ),
]

THINKERS = [
    (
        "Saul Alinsky",
        "thinkers",
        ["alinsky", "power"],
        "A Chicago organiser whose ideas about power and self-interest shaped citizen organising.",
        "Saul Alinsky organised neighbourhoods in Chicago from the 1930s. He argued that people with little "
        "money have power in numbers, and that organisers should work through people's own interests.\n\n"
        "His approach lives on in [[Citizen organising alliances]] and in tools such as [[Power mapping]].",
        [
            (
                "kofi",
                "Added criticisms",
                "## Criticisms\n\nSome find his tactics confrontational, or too focused on winning single issues. "
                "Compare [[Paulo Freire]] and [[Ella Baker]], who put more weight on learning and leadership.",
            ),
        ],
    ),
    (
        "Paulo Freire",
        "thinkers",
        ["freire", "education"],
        "A Brazilian educator who saw learning as a shared act of naming and changing the world.",
        "Paulo Freire taught adults to read by starting from words that mattered in their lives. He "
        "rejected the idea of the teacher filling empty heads. Learners and teachers learn together.\n\n"
        "His ideas underpin [[Training for Transformation]] and the habit of reflection in our "
        "[[Training pathway overview|training]].",
        [
            (
                "leah",
                "Added a note on critical reflection",
                "Freire's cycle of action and reflection is why every E-session begins by looking back at what "
                "people did. See [[Reflection and real-play]].",
            ),
        ],
    ),
    (
        "Marshall Ganz",
        "thinkers",
        ["ganz", "storytelling"],
        "An organiser and teacher known for public narrative: the story of self, of us and of now.",
        "Marshall Ganz organised with farm workers in California and later taught organising. He is known "
        "for *public narrative*: telling why you act (self), what your group shares (us) and why it must "
        "act now (now).\n\n"
        "Organisers use this when preparing for a [[Running a house meeting|house meeting]] or an action.",
        [],
    ),
    (
        "Ella Baker",
        "thinkers",
        ["baker", "leadership"],
        "A civil rights organiser who trusted ordinary people to lead and warned against reliance on stars.",
        "Ella Baker worked behind the scenes in the American civil rights movement for decades. She believed "
        "strong people do not need strong leaders, and spent her time helping others find their voice.\n\n"
        "Her view that the organiser should step back is echoed in our [[Code of conduct for organisers]].",
        [
            (
                "marcus",
                "Added a link to the debate on speaking for others",
                "Her ideas come up often in [[Organisers should never speak for the community]].",
            ),
        ],
    ),
    (
        "Myles Horton",
        "thinkers",
        ["horton", "education"],
        "A founder of a folk school where workers and activists learned from their own experience.",
        "Myles Horton co-founded a residential school in the hills of Tennessee where people came together "
        "to learn from each other's experience. Many civil rights activists passed through it.\n\n"
        "The idea of a residential as a place to think together lives on in the [[Foundations residential]] "
        "and the [[Action Camp]].",
        [],
    ),
]
