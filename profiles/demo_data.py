"""Demo profiles: eight host organisations and twenty-two organisers, written for the demo hub.

Addresses use example.org and example.social so nothing real is ever fetched; the feed items are
stored directly and marked as demo content.
"""

# key: (username of the maintainer, area, website, description)
HOSTS = {
    "riverside": (
        "host-riverside",
        "Riverside, east of the city centre",
        "https://riverside.example.org/",
        "A community trust on the Riverside estate. We host three organisers who work on housing repairs, "
        "the food pantry and safer streets, and we lend our hall to any tenants' group that asks.",
    ),
    "northgate": (
        "host-northgate",
        "Northgate",
        "https://northgate.example.org/",
        "A neighbours' network that grew out of a street WhatsApp group during a flood. We now host "
        "two trainee organisers and run a monthly listening evening in the library.",
    ),
    "keystone": (
        "host-keystone",
        "Citywide",
        "https://keystone.example.org/",
        "A support network run with and for people who have learning disabilities, autism or long-term "
        "mental health needs. Our organisers work by **co-production**: members with support needs set "
        "the agenda, chair the meetings and decide which campaigns we take on. Easy-read notes follow "
        "every meeting.",
    ),
    "harbour": (
        "host-harbour",
        "Harbour Lane and the docks",
        "https://harbourlane.example.org/",
        "A community centre by the old docks with a café, a credit union desk and English classes. "
        "Our organisers connect the centre's users with the decisions being made about the waterfront.",
    ),
    "moorland": (
        "host-moorland",
        "Moorland villages",
        "https://moorland.example.org/",
        "A forum for seven villages on the edge of the moor. Rural organising here means buses, broadband "
        "and keeping the last shop open; our organiser drives a lot and listens in kitchens.",
    ),
    "eastfield": (
        "host-eastfield",
        "Eastfield",
        "https://eastfield.example.org/",
        "A tenants' association covering four tower blocks. We host organisers who help residents hold "
        "the landlord to account on damp, lifts and fire safety.",
    ),
    "canalside": (
        "host-canalside",
        "Canalside",
        "https://canalside.example.org/",
        "A youth project where young people run their own campaigns, from a safer towpath to free bus "
        "travel for college students. Our organisers coach rather than lead.",
    ),
    "millbrook": (
        "host-millbrook",
        "Millbrook",
        "https://millbrook.example.org/",
        "A partnership of a church, a mosque and a gurdwara in Millbrook. Faith groups bring people and "
        "trust; our organisers turn that into shared action on loneliness and fuel poverty.",
    ),
}

# key: (town, region, latitude, longitude, exemplar project?): what each host enters as its place.
PLACES = {
    "riverside": ("Leeds", "yorkshire", "53.7997", "-1.5492", False),
    "northgate": ("Dundee", "scotland", "56.4620", "-2.9707", False),
    "keystone": ("Manchester", "north-west", "53.4808", "-2.2426", True),
    "harbour": ("Bristol", "south-west", "51.4545", "-2.5879", True),
    "moorland": ("Brecon", "wales", "51.9466", "-3.3915", False),
    "eastfield": ("Nottingham", "east-midlands", "52.9548", "-1.1581", False),
    "canalside": ("Birmingham", "west-midlands", "52.4862", "-1.8904", True),
    "millbrook": ("Bradford", "yorkshire", "53.7960", "-1.7594", False),
}

# username: (role, area, host key, skills, bio, feeds)
# feeds: a dict with any of "blog", "mastodon", "bluesky", "x".
ORGANISERS = {
    "amara": (
        "senior",
        "Riverside",
        "riverside",
        ["housing", "listening campaigns", "coaching"],
        "I have organised on the Riverside estate for six years. Most of my week is one-to-one "
        "conversations: finding out what people care about enough to act on, and who they would act with.",
        {"blog": "https://amara.example.org/feed.xml", "mastodon": "@amara@example.social"},
    ),
    "ben": (
        "trainee",
        "Northgate",
        "northgate",
        ["flooding", "street meetings"],
        "I started organising after our street flooded twice in one winter. I am learning to run "
        "meetings where the quietest neighbour speaks first.",
        {"bluesky": "ben-hughes.example.social"},
    ),
    "chloe": (
        "organiser",
        "Riverside",
        "riverside",
        ["food justice", "research actions"],
        "I support the food pantry volunteers to move from handing out parcels to asking why the "
        "parcels are needed, and then to doing something about it together.",
        {"blog": "https://chloe.example.org/rss"},
    ),
    "dev": (
        "volunteer",
        "Harbour Lane",
        "harbour",
        ["waterfront planning", "translation"],
        "I volunteer at the Harbour Lane café and help neighbours respond to the waterfront plans. "
        "I speak Gujarati and Hindi, which opens a lot of doors.",
        {"x": "@devp_organises"},
    ),
    "eilidh": (
        "trainer",
        "Citywide",
        "keystone",
        ["co-production", "easy read", "training"],
        "I train organisers in co-production. With Keystone's members I have learned that access "
        "needs are planning questions, not afterthoughts: we agree them before every action.",
        {"blog": "https://eilidh.example.org/feed", "mastodon": "@eilidh@example.social"},
    ),
    "farah": (
        "organiser",
        "Eastfield",
        "eastfield",
        ["housing", "damp and mould", "power mapping"],
        "I work with tenants in Eastfield's tower blocks. Our damp survey of 212 flats changed how "
        "the landlord talked to us.",
        {"bluesky": "farah.example.social"},
    ),
    "gareth": (
        "senior",
        "Moorland villages",
        "moorland",
        ["rural transport", "coalitions"],
        "Rural organising is slow and personal. I helped seven parish groups agree one ask for a bus "
        "route, which took a year and was worth it.",
        {"blog": "https://gareth.example.org/feed"},
    ),
    "hana": (
        "trainee",
        "Canalside",
        "canalside",
        ["youth work", "safety audits"],
        "I coach young people at Canalside who are campaigning for a lit, safe towpath. They run the "
        "meetings; I keep the notes and ask awkward questions.",
        {"mastodon": "@hana@example.social"},
    ),
    "isaac": (
        "organiser",
        "Millbrook",
        "millbrook",
        ["faith groups", "fuel poverty"],
        "I bring together three congregations in Millbrook around warm spaces and fuel bills. "
        "Shared meals come first; the campaign grows from them.",
        {"blog": "https://isaac.example.org/rss.xml"},
    ),
    "jo": (
        "volunteer",
        "Northgate",
        "northgate",
        ["library campaigns", "social media"],
        "I help keep Northgate library's opening hours on the council's radar, and I look after our "
        "group's posts online.",
        {"bluesky": "jo-fletcher.example.social", "x": "@jo_northgate"},
    ),
    "kofi": (
        "organiser",
        "Citywide",
        "keystone",
        ["co-production", "disability rights", "transport"],
        "I organise alongside Keystone members on accessible transport. We co-produce everything: "
        "members chose the campaign, wrote the survey and met the bus company themselves.",
        {"blog": "https://kofi.example.org/feed"},
    ),
    "leah": (
        "trainee",
        "Harbour Lane",
        "harbour",
        ["English classes", "migrant rights"],
        "I teach English at the Harbour Lane centre and I am learning to turn classroom conversations "
        "about rent and work into shared action.",
        {},
    ),
    "marcus": (
        "senior",
        "Eastfield",
        "eastfield",
        ["negotiation", "fire safety"],
        "I have negotiated with three landlords on behalf of tenants' associations. The trick is "
        "that the tenants do the talking; I help them rehearse.",
        {"mastodon": "@marcus@example.social"},
    ),
    "nadia": (
        "organiser",
        "Millbrook",
        "millbrook",
        ["loneliness", "older people"],
        "My work is with older people in Millbrook who told us loneliness was their first concern. "
        "Together we set up visiting circles across three faith communities.",
        {"blog": "https://nadia.example.org/feed"},
    ),
    "owen": (
        "volunteer",
        "Moorland villages",
        "moorland",
        ["broadband", "village halls"],
        "I am a volunteer organiser in one of the moor villages, working on broadband and keeping the "
        "village hall open.",
        {"bluesky": "owen.example.social"},
    ),
    "priya": (
        "trainer",
        "Citywide",
        None,
        ["training", "one-to-ones", "evaluation"],
        "I run the Foundations course for new organisers. I care about one-to-ones done well and "
        "about honest evaluation of what our campaigns achieve.",
        {"blog": "https://priya.example.org/feed", "bluesky": "priya.example.social"},
    ),
    "rosa": (
        "organiser",
        "Canalside",
        "canalside",
        ["youth leadership", "transport"],
        "I support Canalside's young leaders on their free-travel campaign. Last term they met the "
        "transport authority and came away with a pilot.",
        {"mastodon": "@rosa@example.social"},
    ),
    "sam": (
        "trainee",
        "Riverside",
        "riverside",
        ["safer streets", "door knocking"],
        "New to organising, I spend most evenings door knocking on the estate and learning from Amara.",
        {"bluesky": "sam-turner.example.social"},
    ),
    "tomasz": (
        "organiser",
        "Eastfield",
        "eastfield",
        ["Polish community", "workers' rights"],
        "I connect Polish-speaking families in Eastfield with the tenants' association and with "
        "each other, especially around insecure work.",
        {"blog": "https://tomasz.example.org/feed"},
    ),
    "una": (
        "volunteer",
        "Northgate",
        "northgate",
        ["flood resilience", "mutual aid"],
        "I coordinate Northgate's flood wardens and help them press for the drainage works we were promised.",
        {},
    ),
    "victor": (
        "senior",
        "Harbour Lane",
        "harbour",
        ["coalitions", "planning", "housing"],
        "I lead the Harbour Lane coalition on the waterfront plans: twenty groups, one shared list "
        "of demands, and a lot of patient meetings.",
        {"blog": "https://victor.example.org/feed", "x": "@victor_harbour"},
    ),
    "wren": (
        "trainee",
        "Citywide",
        "keystone",
        ["co-production", "art activism"],
        "I am a trainee at Keystone, where I help members plan creative actions with clear access "
        "arrangements: pictures, plain words and quiet breaks.",
        {"mastodon": "@wren@example.social"},
    ),
}

# Short demo posts, reused across feeds with each person's area filled in.
