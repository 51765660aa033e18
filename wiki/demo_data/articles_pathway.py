"""Demo articles: the training pathway, existing projects and the philosophy of organising.

Same shape as articles_practice.py.
"""

PATHWAY = [
    (
        "Training pathway overview",
        "training-pathway",
        ["training"],
        "The year-long path from the Foundations residential to graduation, step by step.",
        "The training runs for about a year and mixes residentials, guided sessions and real work in a patch.\n\n"
        "1. [[Foundations residential]]\n"
        "2. [[E-sessions]] (E1 to E4), with listening and action in between\n"
        "3. [[Confirmation of plan]] at about six months, with a certificate\n"
        "4. [[Go Deeper options]] for at least six months\n"
        "5. [[Graduation]] at about twelve months, with a diploma\n\n"
        "Everyone also meets at the yearly [[Action Camp]].",
        [
            (
                "nadia",
                "Made the timings clearer",
                "Timings are a guide: some organisers take longer over listening, and that is fine.",
            ),
        ],
    ),
    (
        "Foundations residential",
        "training-pathway",
        ["training", "residential"],
        "Three days together learning the key ideas and skills, with practice and reflection.",
        "The Foundations residential brings thirty or so new organisers together for three days. It covers "
        "[[Listening one to one]], [[Building trust]], power, [[Motivation, mandate and mobilisation]], the "
        "[[Code of conduct for organisers]] and [[Action planning]].\n\n"
        "Much of the time is spent in [[Reflection and real-play|real-play]]: practising on real situations.",
        [
            (
                "owen",
                "Added what to bring",
                "Bring a notebook, comfortable shoes and a story about a time you changed something.",
            ),
        ],
    ),
    (
        "E-sessions",
        "training-pathway",
        ["training", "e-sessions"],
        "Four guided half-day sessions that each reflect on the last stage and prepare the next.",
        "The E-sessions are short, facilitated sessions between stages of work in the patch:\n\n"
        "- [[E1: Listening to people you know]]\n"
        "- [[E2: Wider listening and local power]]\n"
        "- [[E3: Finding actions in what you heard]]\n"
        "- [[E4: Reflecting on action]]",
        [],
    ),
    (
        "E1: Listening to people you know",
        "training-pathway",
        ["training", "e-sessions", "listening"],
        "Start with friends, family and your host before listening on the street.",
        "The first stage is safe practice: listen to people you already know, using "
        "[[Listening one to one|one to ones]]. In E1 you reflect on how it went and prepare for "
        "[[Door-to-door listening]].",
        [
            (
                "priya",
                "Added questions for reflection",
                "Useful questions: what surprised you? When did you talk too much? What did people care about most?",
            ),
        ],
    ),
    (
        "E2: Wider listening and local power",
        "training-pathway",
        ["training", "e-sessions", "power"],
        "Reflect on listening across the patch and start to see where power lies locally.",
        "By E2 you have listened more widely, including to [[Seeking out people who are not heard|people who "
        "are rarely heard]]. The session looks at local power with a first [[Power mapping|power map]] and "
        "prepares you to analyse your notes.",
        [],
    ),
    (
        "E3: Finding actions in what you heard",
        "training-pathway",
        ["training", "e-sessions", "action"],
        "Turn listening notes into possible actions, then prepare to act.",
        "E3 reflects on [[Analysing what you heard]] and helps you choose actions people will own. You leave "
        "with a draft [[Action planning|action plan]].",
        [],
    ),
    (
        "E4: Reflecting on action",
        "training-pathway",
        ["training", "e-sessions", "reflection"],
        "Look back at what your actions achieved and prepare for the Action Camp.",
        "E4 asks how effective your actions were and what you learned about power and people. It also "
        "prepares you for the [[Action Camp]].",
        [
            (
                "rosa",
                "Linked to reflection",
                "See [[Reflection and real-play]] for ways to run the reflection with your group, not just alone.",
            ),
        ],
    ),
    (
        "Confirmation of plan",
        "training-pathway",
        ["training", "certificate"],
        "At about six months, organisers confirm an action plan and their Go Deeper choice.",
        "The confirmation of plan is a conversation, not an exam. You present your action plan, what you "
        "have learned, and which of the [[Go Deeper options]] you will take. It comes with a certificate.",
        [],
    ),
    (
        "Go Deeper options",
        "training-pathway",
        ["training", "go-deeper"],
        "At least six months of deeper learning in one tradition of organising, with visits.",
        "Organisers choose one route to study in depth, for example:\n\n"
        "- a postgraduate course in community organising or community enterprise\n"
        "- immersion in [[Training for Transformation]]\n"
        "- immersion in [[Citizen organising alliances|citizen organising]]\n"
        "- immersion in [[Community assets and enterprise]], including [[The Organisation Workshop approach]]\n\n"
        "The phase includes visits to other organisers and to projects.",
        [
            (
                "sam",
                "Added advice on choosing",
                "Choose the route that fits the issues your patch raised, not the one that sounds most impressive.",
            ),
        ],
    ),
    (
        "Action Camp",
        "training-pathway",
        ["training", "action camp"],
        "A yearly festival-style gathering of organisers, families and communities.",
        "The Action Camp brings everyone together once a year over a long weekend. Children and young people "
        "come too. There is networking, testimony and planning for shared campaigns.\n\n"
        "Like [[Myles Horton]]'s school, it is a place to learn from each other's experience.",
        [],
    ),
    (
        "Graduation",
        "training-pathway",
        ["training", "diploma"],
        "At about twelve months, organisers reflect on their plan and learning and receive a diploma.",
        "Graduation marks the end of the [[Training pathway overview|training year]]. You look back at your "
        "plan, your [[Go Deeper options|Go Deeper]] learning and what changed in your patch.",
        [],
    ),
]

PROJECTS = [
    (
        "Eastfield tenants repairs campaign",
        "existing-projects",
        ["housing", "action"],
        "Tenants on an estate listened to each other, mapped power and won a repairs programme.",
        "Organisers on the Eastfield estate began with [[Door-to-door listening]]. Damp and slow repairs came "
        "up again and again. Tenants drew a [[Power mapping|power map]] and found the housing board met in "
        "public every quarter.\n\n"
        "Forty tenants attended with photographs. Within six months a repairs programme started.",
        [
            (
                "tomasz",
                "Added what happened next",
                "The tenants' group kept meeting after the win and now runs a monthly drop-in.",
            ),
        ],
    ),
    (
        "Community assets and enterprise",
        "existing-projects",
        ["assets", "enterprise"],
        "Communities owning buildings and running enterprises that keep money and power local.",
        "Some communities take over buildings, land or services and run them as enterprises. Ownership gives "
        "lasting power and income.\n\n"
        "It is one of the [[Go Deeper options]], and links closely with [[The Organisation Workshop approach]].",
        [],
    ),
    (
        "The Organisation Workshop approach",
        "existing-projects",
        ["enterprise", "training"],
        "Large groups learn to organise by running a real enterprise together for several weeks.",
        "In an Organisation Workshop, a large group of people run a real enterprise together and learn how "
        "organisations work by doing it. The approach came to the UK through a project on a housing estate.",
        [],
    ),
    (
        "Training for Transformation",
        "existing-projects",
        ["education", "freire"],
        "A way of community education rooted in Freire, using the community's own themes.",
        "Training for Transformation grew out of [[Paulo Freire]]'s work. Groups identify the themes that "
        "generate energy in their community and explore them through codes, drama and discussion.",
        [
            (
                "una",
                "Added an example",
                "One group used a photograph of an empty shop to start a conversation that led to a food co-op.",
            ),
        ],
    ),
    (
        "Citizen organising alliances",
        "existing-projects",
        ["alinsky", "alliances"],
        "Alliances of faith groups, schools and unions acting together on shared issues.",
        "Citizen organising builds alliances of institutions, such as congregations, schools and unions. "
        "Members pay dues, which keeps the alliance independent. The tradition follows [[Saul Alinsky]].",
        [],
    ),
]

PHILOSOPHY = [
    (
        "Co-production with people who have support needs",
        "philosophy-of-organising",
        ["co-production", "inclusion"],
        "People who use support are equal partners: they plan, train and decide, not only take part.",
        "Co-production means sharing power over the work itself. People with support needs help design "
        "training, deliver it as paid co-trainers and use the hub as equal members.\n\n"
        "It takes time: accessible materials, meetings at the right pace and support to take part.",
        [
            (
                "victor",
                "Added practical tips",
                "- Send papers early, in plain language.\n- Pay people for their time.\n- Ask what support "
                "someone needs, rather than guessing. See [[Seeking out people who are not heard]].",
            ),
            (
                "wren",
                "Linked to the debate on paying co-trainers",
                "There is a live discussion in [[Co-trainers should be paid the same as staff trainers]].",
            ),
        ],
    ),
    (
        "Power and self-interest",
        "philosophy-of-organising",
        ["power", "alinsky"],
        "Why organisers start from what people want for themselves, and why that is not selfish.",
        "Self-interest is not selfishness. It is what a person cares about in their own life: their children, "
        "their home, their dignity. Organising starts there, because people act on what they care about.\n\n"
        "[[Saul Alinsky]] made this central; [[Marshall Ganz]] adds that shared stories turn many interests "
        "into a common purpose.",
        [],
    ),
    (
        "Organising versus service delivery",
        "philosophy-of-organising",
        ["philosophy", "power"],
        "Services meet needs; organising builds the power to change why the needs exist.",
        "A food bank feeds people. Organising asks why people are hungry and who could change that. Both "
        "matter, but they are different jobs. Hosts sometimes expect organisers to deliver services; "
        "it helps to be clear early.",
        [
            (
                "amara",
                "Added a note for hosts",
                "Hosts can support both: the organiser listens and builds power, the host keeps its services running.",
            ),
        ],
    ),
    (
        "Reflection and real-play",
        "philosophy-of-organising",
        ["reflection", "training"],
        "Learning by practising on real situations and then thinking hard about what happened.",
        "Role-play uses made-up situations. Real-play uses real ones: a conversation you must have next week, "
        "a meeting you are nervous about. Afterwards the group reflects: what worked, what did not, why.\n\n"
        "This cycle of action and reflection comes from [[Paulo Freire]].",
        [],
    ),
]
