"""Demo debates with positions and threaded discussions by demo members.

Each debate: title, motion, summary, opening, standing, tags, positions (stance, heading, argument,
author username) and a discussion: a list of (author username, text, replies) where replies have the
same shape, so threads go several levels deep.
"""

DEBATES = [
    {
        "title": "Organisers should never speak for the community",
        "motion": "An organiser should never speak on behalf of the people they organise with.",
        "summary": "Is it ever right for the organiser to be the voice in the room?",
        "opening": "Organisers are trained to step back. But there are moments, such as a meeting at short "
        "notice, when nobody else can go. Should the organiser speak then? See [[Ella Baker]].",
        "standing": "Most agree the organiser should rarely speak, and only with a clear mandate from the group.",
        "tags": ["leadership", "mandate"],
        "positions": [
            (
                "for",
                "Speaking for people takes their power",
                "Every time we speak, someone else does not learn to. "
                "The [[Code of conduct for organisers]] is clear that local people lead.",
                "marcus",
            ),
            (
                "against",
                "Sometimes silence costs more",
                "If a decision is made tomorrow and nobody can attend, saying nothing may lose the issue for years.",
                "nadia",
            ),
            (
                "other",
                "Speak only with a mandate",
                "The question is not who speaks but who decided what is said. "
                "See [[Motivation, mandate and mobilisation]].",
                "owen",
            ),
        ],
        "discussion": [
            (
                "member-alice",
                "When I first came to a meeting the organiser did all the talking. I never went back.",
                [
                    (
                        "member-bilal",
                        "Same for me, until someone asked me to chair a small part.",
                        [
                            (
                                "amara",
                                "That is exactly the shift we want: small roles first.",
                                [
                                    ("member-alice", "Maybe I will try chairing next time.", []),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
            (
                "member-carys",
                "What about people who cannot attend evening meetings at all?",
                [
                    ("owen", "Then the group can send a written statement, agreed together.", []),
                ],
            ),
        ],
    },
    {
        "title": "Winning issues matters more than building relationships",
        "motion": "Concrete wins matter more than the relationships built along the way.",
        "summary": "Wins or relationships: which comes first in organising?",
        "opening": "Some say people stay involved only if they win something real. Others say wins come and go, "
        "but relationships last. See [[Building trust]] and [[Action planning]].",
        "standing": "The discussion leans towards 'both, in order': relationships first, then small wins.",
        "tags": ["action", "relationships"],
        "positions": [
            ("for", "Wins keep people coming", "People are busy. If nothing changes, they stop coming.", "gareth"),
            (
                "against",
                "Relationships outlast wins",
                "A win without relationships is a one-off. The "
                "[[Eastfield tenants repairs campaign]] lasted because people knew each other.",
                "tomasz",
            ),
        ],
        "discussion": [
            (
                "member-dan",
                "Our group fell apart after we won. Nobody knew what to do next.",
                [
                    (
                        "tomasz",
                        "That happens a lot. Did you hold a reflection meeting after the win?",
                        [
                            (
                                "member-dan",
                                "No, we just had a party.",
                                [
                                    ("member-esther", "A party is fine! But add an hour to plan what comes next.", []),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
            ("member-frank", "Wins also build trust, so the two are not opposites.", []),
        ],
    },
    {
        "title": "Online listening can replace the doorstep",
        "motion": "Listening online can do the job of listening on the doorstep.",
        "summary": "Can messages, groups and video calls replace door-to-door listening?",
        "opening": "Many people are easier to reach online than at home. But is a message the same as a "
        "conversation? Compare [[Door-to-door listening]].",
        "standing": "Online tools help to stay in touch; most think they do not replace the first face-to-face "
        "conversation.",
        "tags": ["listening", "online"],
        "positions": [
            (
                "for",
                "Meet people where they are",
                "Young people and shift workers answer messages, not doors.",
                "priya",
            ),
            (
                "against",
                "You miss who is not online",
                "The people least heard are often the least online. See [[Seeking out people who are not heard]].",
                "hana",
            ),
            ("other", "Use both on purpose", "Knock first, then keep in touch online.", "isaac"),
        ],
        "discussion": [
            (
                "member-grace",
                "I only got involved because of a neighbourhood chat group.",
                [
                    (
                        "hana",
                        "That is a good point. How did the first conversation happen?",
                        [
                            (
                                "member-grace",
                                "Someone messaged me, then we met for coffee.",
                                [
                                    ("isaac", "So online started it, but the coffee made it stick.", []),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": "Organisers should be paid by the people they organise",
        "motion": "Organisers should be paid by the communities they organise with, not by outside funders.",
        "summary": "Who pays the organiser, and does it change who the organiser answers to?",
        "opening": "[[Citizen organising alliances]] use member dues. Most organisers here are funded by a host "
        "or a grant. Does funding shape the work?",
        "standing": "People agree funding shapes accountability; few think community funding is possible everywhere.",
        "tags": ["funding", "accountability"],
        "positions": [
            ("for", "You answer to who pays you", "Dues make the organiser accountable to members.", "kofi"),
            (
                "against",
                "Poor areas cannot pay",
                "Asking the poorest places to fund organising means they get none.",
                "leah",
            ),
        ],
        "discussion": [
            (
                "member-harry",
                "Could it be a mix: a small local contribution plus a grant?",
                [
                    (
                        "kofi",
                        "That is how some alliances start.",
                        [
                            (
                                "leah",
                                "Yes, as long as the grant does not set the issues.",
                                [
                                    ("member-harry", "Agreed. The group should set the issues, whoever pays.", []),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
        ],
    },
    {
        "title": "Co-trainers should be paid the same as staff trainers",
        "motion": "Co-trainers with support needs should be paid at the same rate as staff trainers.",
        "summary": "Fair pay for people with lived experience who deliver training.",
        "opening": "In [[Co-production with people who have support needs]], people who use support co-deliver "
        "training. Should their pay match staff pay?",
        "standing": "Strong support for equal pay; questions remain about benefits rules and flexible hours.",
        "tags": ["co-production", "pay"],
        "positions": [
            ("for", "Same work, same pay", "Co-trainers bring knowledge staff do not have.", "victor"),
            (
                "other",
                "Equal pay, with care about benefits",
                "Pay must not put someone's benefits at risk; offer advice and choice.",
                "wren",
            ),
        ],
        "discussion": [
            (
                "member-iris",
                "I co-train and I worry about my benefits if I earn more.",
                [
                    (
                        "wren",
                        "That is why we offer a benefits check before agreeing hours.",
                        [
                            (
                                "member-iris",
                                "That would help. Can it be in the co-trainer agreement?",
                                [
                                    ("victor", "Yes, we will add it to the next version.", []),
                                ],
                            ),
                        ],
                    ),
                ],
            ),
            ("member-jamal", "Equal pay shows respect. Anything less says we are helpers, not trainers.", []),
        ],
    },
]
