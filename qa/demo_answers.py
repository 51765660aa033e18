"""Answers for the forum's demo, written for each question so that every answer answers it.

Keyed by the question's title (qa/demo_content.py's QUESTIONS); one to three short, practical
replies in plain words, best first.
"""

ANSWERS_BY_QUESTION = {
    "How do I start door knocking on an estate where nobody knows me?": [
        "Go in pairs and start with the doors you can see from the street. Say your first name, that you live "
        "or work nearby, and ask one open question: 'What would you change about living here?' Then listen.",
        "In the first ten seconds, smile, step back from the door and say you are not selling anything. People "
        "relax once they know you are not after money or a vote.",
        "Ask the caretaker or the tenants' association who the friendly faces are, and knock there first. One "
        "warm introduction opens the next three doors.",
    ],
    "What should I write down after a door knock?": [
        "We use a half-page sheet: door number, first name if offered, what they care about in their own words, "
        "and whether they want to hear more. Fill it in straight after each door, not at the end of the street.",
        "Write the exact words people used. 'The bins stink in summer' tells you more than 'waste issue' when "
        "you sort the sheets later.",
    ],
    "How long should a one-to-one last?": [
        "Aim for 30 to 40 minutes. Say at the start how long you have, and stop on time even when it is going "
        "well. People trust you more when you keep your word about small things.",
        "Twenty minutes is enough for a first one. If you both want more, book a second meeting rather than "
        "running on.",
    ],
    "How do I ask for a one-to-one without it feeling like a sales pitch?": [
        "Say why you are asking: 'I'm meeting people who live here to hear what matters to them. Could I buy "
        "you a cup of tea for half an hour?' Being clear that you want to listen, not to sell, makes the difference.",
        "Ask people you already know to introduce you. 'Sam said you know the street better than anyone' opens "
        "more doors than any script.",
    ],
    "What is a power map and when should we draw one?": [
        "A power map is a drawing of who can make the change you want, and who influences them. Draw one as soon "
        "as your group says 'the council' or 'they': it turns a faceless 'they' into people you can meet.",
        "Put the decision in the middle, then everyone who can say yes or no to it, then who they listen to. "
        "Draw lines for relationships you already have. The gaps show who to meet next.",
    ],
    "How do we find out who actually decides on the bus route?": [
        "Routes are usually set by the bus company with the transport authority, not by a council officer. Ask "
        "for the name of the network planner, and for the date the next timetable change is agreed.",
        "Read the minutes of the transport committee for the last two years: look for who proposed the last "
        "change. That person belongs in the middle of your map.",
    ],
    "How many conversations make a listening campaign?": [
        "We aimed for one conversation for every ten households and it felt about right. More important than the "
        "number is hearing from every part of the street, not only the people who always come.",
        "Stop when you keep hearing the same things. For our street of 300 homes that came at about 40 conversations.",
    ],
    "How do we turn what we heard in a listening campaign into one issue?": [
        "Sort what you heard into piles with the people who did the listening, then vote on which pile is most "
        "widely felt and most winnable. Report back to everyone before you start.",
        "Ask three questions of each pile: do many people feel it strongly, can we win something within a year, "
        "and does it build our group? The one that scores best on all three is your issue.",
    ],
    "Our host organisation wants to approve every leaflet. Is that normal?": [
        "It is common, but you can agree a line. We settled on: anything with the host's logo needs approval, "
        "anything in the group's own name does not.",
        "Ask what the worry is. Often it is one bad experience. A 48-hour sign-off rule kept our host happy "
        "without slowing us down.",
    ],
    "What should a hosting agreement cover?": [
        "Who line-manages the organiser, who the group answers to, how money is held, how decisions about "
        "campaigns are made, and what happens if you disagree. Review it after three months.",
        "Add a short section on data: who owns the contact lists the organiser builds, and what happens to them "
        "if the hosting ends.",
    ],
    "How can a co-trainer with a learning disability lead part of a session?": [
        "Plan the session together a week ahead and give the co-trainer one section they own from start to "
        "finish. Easy-read notes and a practice run made the biggest difference for us.",
        "Ask the person what support they want rather than guessing. For some it was a printed script, for "
        "others a signal to take a break.",
    ],
    "How do we pay co-trainers who receive benefits without causing problems?": [
        "Talk to a welfare rights adviser before the first payment. Small, occasional payments can be fine, but "
        "the rules depend on the benefit, so get advice for each person.",
        "Offer a choice of cash, vouchers or expenses only, and write down what each person chose. Never decide "
        "for someone what is 'safe' for them.",
    ],
    "What does the training pathway look like after the first weekend?": [
        "After the residential weekend come four guided sessions over six months: listening to people you know, "
        "then wider listening, then turning what you heard into action, then reflecting on the action.",
        "At six months you agree your action plan and choose a 'go deeper' option. The year ends with a "
        "graduation and Action Camp.",
    ],
    "Who should go to Action Camp?": [
        "Send people who are already doing the work and are ready to lead more, not the most senior. Ask them to "
        "run a short session for the group when they get back.",
        "Bring someone new along with each experienced organiser. Camp is where many people first see how big "
        "the movement is.",
    ],
    "What should we check before a young person joins a door-knocking team?": [
        "Get a parent's written consent, pair them with a checked adult, and agree that they never go into a "
        "home. Check your host's safeguarding policy covers under-18s.",
        "Give them a role at the door that suits them, like noting answers, and brief the whole team on what "
        "to do if anyone feels unsafe.",
    ],
    "Someone told me something worrying in a one-to-one. What now?": [
        "Follow your host's safeguarding policy and tell the named safeguarding lead the same day. You cannot "
        "promise to keep a risk of harm secret: say that kindly and explain what happens next.",
        "Write down what you were told, in their words, with the date and time. Do not investigate yourself: "
        "that is the safeguarding lead's job.",
    ],
    "How do you notice burnout in yourself before it is too late?": [
        "Watch for the small signs: dreading messages, skipping meals, snapping at people you like. Take a week "
        "off before you need a month off, and tell the group you are doing it.",
        "Ask a friend in the group to tell you when you look stretched. Others often see it before we do.",
    ],
    "How do we share the load so one person is not doing everything?": [
        "Give every task an owner and a deputy. Rotate chairing. Agree times when nobody answers group messages.",
        "At each meeting, ask 'who has not had a job yet?' and offer small, clear tasks. People say yes to "
        "'bring the sign-in sheet' long before they say yes to 'lead the campaign'.",
    ],
    "How do we run a first public meeting that people come back to?": [
        "Keep it to an hour, start on time, and have local people speak more than organisers. End with one clear "
        "next step and a date, so people leave knowing what happens next.",
        "Ring or knock on everyone who came within a week to thank them. That call is why they come back.",
    ],
    "How do I chair a meeting when one person talks over everyone?": [
        "Agree simple ground rules at the start, like one voice at a time. Then you can point to the rule rather "
        "than the person: 'Let's hear from someone who has not spoken yet.'",
        "Speak to the person before the next meeting. Often they care a lot: give them a role, like timekeeping, "
        "that uses that energy.",
    ],
    "What is the difference between a problem and an issue?": [
        "A problem is something big and vague, like 'housing'. An issue is a piece of it you can act on, with a "
        "decision-maker and a deadline, like 'get the landlord to fix the lifts by March'.",
    ],
    "How do we pick a first campaign we can actually win?": [
        "Choose something many people feel strongly about, where one person can say yes, within a few months. "
        "A first win, even a small one, builds the group's confidence for bigger fights.",
        "Write down who decides, what you will ask for and what you will do if they say no. If you cannot fill "
        "in all three, it is not ready yet.",
    ],
    "How do we prepare for a meeting with a council leader?": [
        "Agree one clear ask, decide who speaks and for how long, and rehearse. Bring local people to tell their "
        "own stories, and ask for a yes or no answer before you leave.",
        "Look up what the leader has said before on your issue, and use their own words back to them.",
    ],
    "What do we do after an action to keep momentum?": [
        "Meet within a week to ask what went well, what did not, and what you learned. Then set the next date "
        "before people drift away.",
        "Tell the story of the action to everyone who was not there: a short post, a photo, a thank-you. People "
        "join things that are moving.",
    ],
    "How do you follow up after a one-to-one?": [
        "Send a short thank-you the same day and remind them of the next step you agreed. Then do what you "
        "said you would do, when you said you would do it.",
        "Introduce them to one other person who cares about the same thing. Relationships between members "
        "matter more than their relationship with you.",
    ],
    "How do we make a door-knocking session accessible for wheelchair users?": [
        "Plan routes with step-free doors, like ground-floor flats and streets with dropped kerbs, and pair up "
        "so someone can reach a high doorbell. Ask the person what works for them before the day.",
        "Give everyone a choice of roles, including phoning people or sorting sheets at base, so nobody has to "
        "explain why they are not on the street.",
    ],
    "How do we keep contact details safe?": [
        "Keep one list, in one place, that only two or three people can open. Do not share phone numbers in "
        "group chats, and delete details of people who ask you to.",
        "Paper sheets go into a locked drawer at the end of each session, and get typed up and shredded within a week.",
    ],
    "How do we welcome people who do not speak English as a first language?": [
        "Ask a local person who speaks the language to co-host, and translate the invitation, not only the "
        "meeting. Short sentences and pictures help everyone.",
        "Sit people together by language for part of the meeting, so everyone can speak before the whole group "
        "hears back.",
    ],
    "Is it worth door knocking in the rain?": [
        "Yes, for short sessions. People are home, and they notice that you came out anyway. Keep it to an hour "
        "and keep your sheets in a plastic wallet.",
    ],
    "How do we research who owns the empty shops on the high street?": [
        "The Land Registry will tell you the owner of most buildings for a small fee. Start with the shops that "
        "have been empty longest.",
        "Ask the business rates team at the council who pays the rates on empty units, and ask neighbouring "
        "shopkeepers: they usually know the landlord.",
    ],
    "How do we explain community organising to a funder in one paragraph?": [
        "Try: 'We listen to local people, bring them together around what they care about, and support them to "
        "act. The result is people with the confidence and relationships to change things themselves, long "
        "after our funding ends.' Then give one real example.",
    ],
    "What makes a good role play in training?": [
        "Use a real situation the group will face next week, keep it to five minutes, and let people swap roles. "
        "The talk afterwards matters more than the acting.",
        "Give the 'resident' a short card about who they are and what they care about, so they can answer "
        "naturally rather than play a cartoon.",
    ],
    "How do we evaluate a training weekend?": [
        "Collect one story from each participant a month later: what did they do differently? That tells you "
        "more than any feedback form.",
        "Ask two questions at the end of the weekend: what will you do next week, and what would have helped you "
        "more? Then check the first answer a month later.",
    ],
    "How do we find new leaders instead of the usual faces?": [
        "Look for people who bring others along, not the people who talk most. One-to-ones are how you find "
        "them: ask about what they have done, not what they think.",
        "Give new people a small job with real responsibility, and thank them publicly when they do it.",
    ],
    "What support should a host give a new organiser in the first month?": [
        "A desk or a place to meet, introductions to ten local people, a named person to talk to each week, "
        "and time to listen before anyone asks for results.",
        "Agree the first month's goals in writing: mostly conversations, not outputs. New organisers feel "
        "pressure to produce something too soon.",
    ],
    "How do we handle a disagreement between our board and the organising group?": [
        "Go back to the hosting agreement: it should say who decides what. If it does not, agree that now, with "
        "both sides in the room.",
        "Ask each side to say what they are worried about, not what they want. Often the board fears a risk the "
        "group can easily reduce.",
    ],
    "Can a support worker come along to training with a co-trainer?": [
        "Yes, if the co-trainer wants them there. Agree beforehand what the support worker does and does not do, "
        "so the co-trainer stays the one who leads.",
    ],
    "What insurance do we need for street stalls and door knocking?": [
        "Public liability insurance covers most stalls and door knocking, and your host may already hold it. "
        "Check it names volunteers, and ask the council whether a stall needs a permit.",
    ],
    "How do I say no to extra tasks without letting the group down?": [
        "Say what you can do instead: 'I can't run the stall, but I can ring five people to ask them.' A smaller "
        "yes keeps you in the work without taking on too much.",
        "Remember that saying yes to everything leaves no room for others to step up.",
    ],
    "What questions work best in a one-to-one?": [
        "Ask about stories, not opinions: 'What made you get involved in the school?' Stories show what someone "
        "cares about and what they might do next.",
        "'Why does that matter to you?' is the question I use most. Ask it gently, and wait.",
    ],
    "How do we map power inside our own group?": [
        "Ask who makes decisions in practice, who people listen to, and who holds the keys, the money and the "
        "contact lists. Draw it together and talk about what surprised you.",
        "Repeat it every six months. Power inside a group shifts quietly, and a map makes it safe to talk about.",
    ],
    "How do we thank people who took part in the listening campaign?": [
        "Hold a report-back evening: show what you heard, say what you will do next, and invite everyone to "
        "the first planning meeting. Thanking people is the start of the next step.",
        "A handwritten card or a knock on the door to say thank you goes a long way.",
    ],
    "How do I get started with door knocking?": [
        "Start with a street you know, go with someone who has done it before, and have one question ready. "
        "Twenty doors in an hour is plenty for a first try.",
        "Practise your first sentence out loud with a friend before you go. It gets easier after the third door.",
    ],
}
