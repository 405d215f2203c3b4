"""Demo directory: 32 fictional Oxfordshire providers, from a wood workshop to a council team.

Every name, place and person here is made up. Listings are matched by name, so loading twice
changes nothing. A few are stale on purpose (not confirmed for months) to show sinking and
hiding, and one belongs to the demo provider account so its editor can be tried.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Role

from .editing import reindex
from .models import (
    CostOption,
    Language,
    ListingStatus,
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
)
from .vocabulary import ensure_categories, ensure_facts

DP, MA, PHB, ISF, SELF = "dp", "ma", "phb", "isf", "self"
PAY_FIELDS = {
    DP: "accepts_direct_payments",
    MA: "accepts_managed_accounts",
    PHB: "accepts_phbs",
    ISF: "accepts_isfs",
    SELF: "accepts_self_funders",
}

# (organisation, kind, size, about, confirmed days ago,
#  [(service, category, description, who for, where (home/venue/online), districts,
#    costs [(pence, unit, note)], schedule (days, opens, closes), pay, shareable, venue)])
PROVIDERS = [
    (
        "Oakleaf Crafts",
        "micro_enterprise",
        "one",
        "A small craft group in a studio in East Oxford. We make things by hand and talk over tea.",
        5,
        [
            (
                "Craft mornings",
                "arts-crafts",
                "Paper, fabric and clay. No experience needed; we help with every step.",
                "Adults who would like a calm, creative morning",
                "venue",
                "OX4, OX3",
                [(1500, "session", "materials included")],
                ("TU,TH", "10:00", "12:30"),
                [DP, MA, SELF],
                True,
                (
                    "Oakleaf Studio",
                    "12 Magpie Lane",
                    "Oxford",
                    "OX4 1AA",
                    "Step-free entrance. Accessible toilet.",
                ),
            ),
        ],
    ),
    (
        "Cowley Wood Workshop",
        "community_enterprise",
        "small",
        "A shared wood workshop where people learn to make furniture, bird boxes and toys.",
        12,
        [
            (
                "Woodwork sessions",
                "arts-crafts",
                "Learn to use hand tools safely and make something to take home.",
                "Adults, including people with learning disabilities",
                "venue",
                "OX4, OX44",
                [(2500, "session", "tools and wood included")],
                ("MO,WE", "09:30", "15:00"),
                [DP, PHB, ISF, SELF],
                True,
                (
                    "Cowley Wood Workshop",
                    "Unit 3, Garsington Road Yard",
                    "Oxford",
                    "OX4 2BB",
                    "Ramp at the side door. Quiet room available.",
                ),
            ),
        ],
    ),
    (
        "The Open Door Café",
        "social_enterprise",
        "medium",
        "A café that trains people for work in catering, with support from job coaches.",
        20,
        [
            (
                "Café work training",
                "learning-work",
                "Learn to cook, serve and use the till, a few hours a week, with a job coach.",
                "Adults with a learning disability or autism, 18 and over",
                "venue",
                "OX1, OX2, OX4",
                [(4000, "day", "includes lunch")],
                ("MO,TU,WE,TH,FR", "09:00", "15:00"),
                [DP, ISF],
                False,
                (
                    "The Open Door Café",
                    "45 Cornmarket Passage",
                    "Oxford",
                    "OX1 3HA",
                    "Step-free. Hearing loop at the counter.",
                ),
            ),
            (
                "Community lunch",
                "food",
                "A hot two-course lunch and good company.",
                "Anyone",
                "venue",
                "OX1, OX2, OX4",
                [(600, "item", "pay what you can if money is tight")],
                ("FR", "12:00", "14:00"),
                [DP, SELF],
                True,
                (
                    "The Open Door Café",
                    "45 Cornmarket Passage",
                    "Oxford",
                    "OX1 3HA",
                    "Step-free. Hearing loop at the counter.",
                ),
            ),
        ],
    ),
    (
        "Cherwell Allotment Friends",
        "community_group",
        "small",
        "Volunteers who share three allotment plots and welcome new growers.",
        30,
        [
            (
                "Allotment mornings",
                "outdoors",
                "Grow vegetables and flowers with others. Wellies to borrow.",
                "Anyone who likes being outside",
                "venue",
                "OX16, OX15",
                [(0, "free", "")],
                ("SA", "10:00", "12:00"),
                [],
                True,
                (
                    "Cherwell Road Allotments",
                    "Cherwell Road",
                    "Banbury",
                    "OX16 5AB",
                    "Wide paths and a raised bed you can reach from a wheelchair.",
                ),
            ),
        ],
    ),
    (
        "Witney Walkers",
        "community_group",
        "small",
        "A friendly walking group. Short, flat routes with a café stop.",
        8,
        [
            (
                "Wednesday walks",
                "outdoors",
                "A gentle one-hour walk, then tea. Walk leaders trained in first aid.",
                "Anyone; routes suit people who walk slowly",
                "venue",
                "OX28, OX29, OX18",
                [(0, "free", "")],
                ("WE", "10:30", "12:00"),
                [],
                True,
                (
                    "Witney Market Square (meeting point)",
                    "Market Square",
                    "Witney",
                    "OX28 6AG",
                    "Meeting point is flat. Benches on every route.",
                ),
            ),
        ],
    ),
    (
        "Thame Men's Shed",
        "community_group",
        "small",
        "A shed full of tools, tea and conversation. Everyone welcome.",
        40,
        [
            (
                "Shed open days",
                "day-activities",
                "Fix things, make things, or just come for a chat.",
                "Anyone over 18",
                "venue",
                "OX9",
                [(200, "session", "towards tea and wood")],
                ("TU,FR", "10:00", "16:00"),
                [DP, SELF],
                True,
                (
                    "Thame Shed",
                    "Behind the Leisure Centre, Oxford Road",
                    "Thame",
                    "OX9 2AA",
                    "One step at the door; we have a portable ramp.",
                ),
            ),
        ],
    ),
    (
        "Bicester Book and Chat",
        "community_group",
        "small",
        "A relaxed reading group that reads short stories aloud together.",
        15,
        [
            (
                "Story afternoons",
                "day-activities",
                "We read a short story aloud and talk about it. No homework.",
                "Adults; large-print copies available",
                "venue",
                "OX25, OX26, OX27",
                [(0, "free", "")],
                ("TH", "14:00", "15:30"),
                [],
                True,
                (
                    "Bicester Library",
                    "Franklins House",
                    "Bicester",
                    "OX26 6JU",
                    "Lift to all floors. Large-print books.",
                ),
            ),
        ],
    ),
    (
        "Kidlington Chair Yoga",
        "micro_enterprise",
        "one",
        "Gentle yoga sitting down, taught by a qualified teacher.",
        25,
        [
            (
                "Chair yoga",
                "sport-fitness",
                "Stretching and breathing, all from a chair.",
                "Adults of any age and ability",
                "venue",
                "OX5, OX2",
                [(800, "session", ""), (2800, "month", "4 sessions")],
                ("MO", "11:00", "12:00"),
                [DP, MA, PHB, SELF],
                True,
                (
                    "St Mary's Hall",
                    "Church Street",
                    "Kidlington",
                    "OX5 2BA",
                    "Step-free. Chairs with arms.",
                ),
            ),
        ],
    ),
    (
        "Didcot Swim Buddies",
        "community_group",
        "small",
        "Volunteers who go swimming with people who would like company in the pool.",
        50,
        [
            (
                "Supported swimming",
                "sport-fitness",
                "A volunteer buddy comes with you to the pool.",
                "Adults who want support to swim",
                "venue",
                "OX11, OX14",
                [(350, "session", "pool entry")],
                ("SA", "09:00", "10:00"),
                [DP, SELF],
                False,
                (
                    "Didcot Wave",
                    "Newlands Avenue",
                    "Didcot",
                    "OX11 8NX",
                    "Pool hoist. Changing places toilet.",
                ),
            ),
        ],
    ),
    (
        "Abingdon Art Space",
        "charity",
        "medium",
        "An open art studio with tutors, for people living with mental health problems.",
        60,
        [
            (
                "Open studio",
                "mental-health",
                "Paint, draw or print at your own pace. Tutors on hand.",
                "Adults living with mental health problems",
                "venue",
                "OX14, OX13",
                [
                    (0, "free", "for people referred by their GP or mental health team"),
                    (500, "session", "self-referral"),
                ],
                ("TU,TH", "13:00", "16:00"),
                [DP, PHB, SELF],
                True,
                (
                    "Abingdon Art Space",
                    "7 Stert Street",
                    "Abingdon",
                    "OX14 3JF",
                    "Step-free ground floor studio.",
                ),
            ),
        ],
    ),
    (
        "Helping Hands Home Support",
        "agency",
        "medium",
        "A care agency offering personal care and help at home across South Oxfordshire.",
        10,
        [
            (
                "Personal care at home",
                "personal-care",
                "Help with washing, dressing and getting up, from a small regular team.",
                "Adults who need help with personal care",
                "home",
                "OX10, OX11, OX14, OX49",
                [(2650, "hour", "weekdays"), (3100, "hour", "evenings and weekends")],
                ("MO,TU,WE,TH,FR,SA,SU", "07:00", "22:00"),
                [DP, MA, PHB, ISF, SELF],
                False,
                None,
            ),
        ],
    ),
    (
        "Sally's Gardening",
        "micro_enterprise",
        "one",
        "I help people keep their gardens tidy and growing, and I like a chat while I work.",
        14,
        [
            (
                "Garden help",
                "help-at-home",
                "Mowing, weeding, planting. I can work alongside you if you like to garden too.",
                "Anyone who wants help with their garden",
                "home",
                "OX7, OX20",
                [(1800, "hour", "")],
                ("TU,WE,TH", "09:00", "17:00"),
                [DP, MA, SELF],
                False,
                None,
            ),
        ],
    ),
    (
        "Wheels and Friends",
        "social_enterprise",
        "small",
        "Accessible minibus trips to markets, gardens and the seaside.",
        35,
        [
            (
                "Day trips",
                "getting-out",
                "A day out in an accessible minibus with friendly drivers and helpers.",
                "Adults who find it hard to travel alone",
                "venue",
                "OX1, OX2, OX3, OX4, OX5",
                [(3500, "day", "lunch not included")],
                ("SA", "09:00", "17:00"),
                [DP, MA, ISF, SELF],
                True,
                (
                    "Pick-up at Gloucester Green",
                    "Gloucester Green",
                    "Oxford",
                    "OX1 2BU",
                    "Minibus with a wheelchair lift.",
                ),
            ),
        ],
    ),
    (
        "Oxfordshire Carers Talk",
        "charity",
        "medium",
        "Peer support for family carers: groups, phone calls and online meet-ups.",
        45,
        [
            (
                "Carers' online café",
                "mental-health",
                "A relaxed video call for carers. Cameras optional.",
                "Family carers",
                "online",
                "",
                [(0, "free", "")],
                ("TH", "19:30", "20:30"),
                [],
                False,
                None,
            ),
        ],
    ),
    (
        "Benson Riverside Club",
        "community_group",
        "small",
        "A social club by the river with games, music and an annual boat trip.",
        20,
        [
            (
                "Club evenings",
                "day-activities",
                "Bingo, quizzes and music nights.",
                "Adults with a learning disability and their friends",
                "venue",
                "OX10, OX49",
                [(300, "session", "")],
                ("WE", "18:30", "21:00"),
                [DP, SELF],
                True,
                (
                    "Riverside Pavilion",
                    "Mill Lane",
                    "Benson",
                    "OX10 6SA",
                    "Step-free. Accessible toilet.",
                ),
            ),
        ],
    ),
    (
        "Chipping Norton Music Makers",
        "community_group",
        "small",
        "Drumming and singing for everyone, whatever you think of your voice.",
        70,
        [
            (
                "Drumming circle",
                "arts-crafts",
                "We lend you a drum. Just come and join in.",
                "Anyone",
                "venue",
                "OX7",
                [(400, "session", "")],
                ("MO", "14:00", "15:30"),
                [DP, SELF],
                True,
                (
                    "The Town Hall",
                    "Market Place",
                    "Chipping Norton",
                    "OX7 5NA",
                    "Lift to the first floor.",
                ),
            ),
        ],
    ),
    (
        "Wantage Lunch Club",
        "community_group",
        "small",
        "A weekly lunch club with transport for people who cannot get there alone.",
        18,
        [
            (
                "Lunch club",
                "food",
                "A two-course lunch, a raffle and good company. We can pick you up.",
                "Older people and anyone who feels lonely",
                "venue",
                "OX12",
                [(750, "item", "includes transport")],
                ("TU", "12:00", "14:30"),
                [DP, MA, SELF],
                True,
                ("Beacon Centre", "Portway", "Wantage", "OX12 9BY", "Step-free."),
            ),
        ],
    ),
    (
        "Sign and Share Oxford",
        "micro_enterprise",
        "one",
        "British Sign Language tutor and communicator.",
        22,
        [
            (
                "BSL lessons",
                "learning-work",
                "Learn British Sign Language in a small friendly class.",
                "Deaf people, families and friends",
                "venue",
                "OX1, OX2, OX3, OX4",
                [(1200, "session", ""), (9000, "item", "course of 8 sessions")],
                ("WE", "18:00", "19:30"),
                [DP, SELF],
                True,
                (
                    "Oxford Deaf Centre",
                    "Jericho Street",
                    "Oxford",
                    "OX2 6BU",
                    "Good lighting. Hearing loop.",
                ),
            ),
        ],
    ),
    (
        "Polska Pomoc Support",
        "micro_enterprise",
        "small",
        "Support at home from Polish-speaking workers.",
        28,
        [
            (
                "Help at home in Polish",
                "help-at-home",
                "Shopping, cleaning and company, in Polish or English.",
                "Polish-speaking adults",
                "home",
                "OX3, OX4, OX33, OX44",
                [(2000, "hour", "")],
                ("MO,TU,WE,TH,FR", "08:00", "18:00"),
                [DP, MA, SELF],
                False,
                None,
            ),
        ],
    ),
    (
        "Banbury Breaks",
        "charity",
        "medium",
        "Short breaks for disabled adults, so they and their carers get a rest.",
        33,
        [
            (
                "Weekend short breaks",
                "breaks",
                "A weekend away in a fully adapted house with support staff.",
                "Disabled adults aged 18 to 65",
                "venue",
                "OX15, OX16, OX17",
                [(32000, "item", "per weekend")],
                ("SA,SU", "", ""),
                [DP, MA, PHB, ISF],
                True,
                (
                    "Orchard House",
                    "Bloxham Road",
                    "Banbury",
                    "OX16 9JS",
                    "Fully adapted: ceiling hoists, wet room.",
                ),
            ),
        ],
    ),
    (
        "Support Planning Oxfordshire",
        "charity",
        "small",
        "Independent help to write and use a support plan.",
        9,
        [
            (
                "Support planning help",
                "advice",
                "Someone sits with you to plan how to use your budget.",
                "Anyone with a personal budget or personal health budget",
                "home",
                "OX1, OX2, OX3, OX4, OX5, OX14, OX20, OX26, OX28",
                [(0, "free", "first meeting"), (3000, "hour", "after that")],
                ("MO,TU,WE,TH", "09:30", "16:30"),
                [DP, MA, PHB, SELF],
                False,
                None,
            ),
        ],
    ),
    (
        "Oxfordshire County Council Day Opportunities",
        "council_service",
        "large",
        "The council's day services team (a fictional example).",
        3,
        [
            (
                "Day opportunities",
                "day-activities",
                "Activities, skills and outings in small groups, run by the council.",
                "Adults eligible for council support",
                "venue",
                "OX1, OX2, OX3, OX4, OX14, OX16, OX26, OX28",
                [(5500, "day", "")],
                ("MO,TU,WE,TH,FR", "09:30", "15:30"),
                [DP, MA, ISF],
                False,
                (
                    "Town Centre Day Base",
                    "1 Civic Way",
                    "Oxford",
                    "OX1 1AA",
                    "Step-free. Changing places toilet.",
                ),
            ),
        ],
    ),
    (
        "Eynsham Tech Helpers",
        "community_group",
        "small",
        "Volunteers who help with phones, tablets and video calls.",
        16,
        [
            (
                "Tech help drop-in",
                "learning-work",
                "Bring your phone or tablet; we help you use it.",
                "Anyone",
                "venue",
                "OX29",
                [(0, "free", "")],
                ("TH", "10:00", "12:00"),
                [],
                False,
                ("Eynsham Village Hall", "Back Lane", "Eynsham", "OX29 4QW", "Step-free."),
            ),
            (
                "Tech help by phone",
                "learning-work",
                "We talk you through it on the phone.",
                "Anyone",
                "online",
                "",
                [(0, "free", "")],
                ("MO,WE", "14:00", "16:00"),
                [],
                False,
                None,
            ),
        ],
    ),
    (
        "Woodstock Pottery Barn",
        "micro_enterprise",
        "small",
        "A pottery in an old barn. Small classes, lots of clay.",
        120,
        [
            (
                "Pottery class",
                "arts-crafts",
                "Throw a pot on the wheel, or build with your hands.",
                "Adults and teenagers over 14",
                "venue",
                "OX20",
                [(2200, "session", "clay and firing included")],
                ("SA", "10:00", "13:00"),
                [DP, SELF],
                True,
                (
                    "The Pottery Barn",
                    "Manor Farm",
                    "Woodstock",
                    "OX20 1AB",
                    "Ground floor. Gravel yard.",
                ),
            ),
        ],
    ),
    (
        "Wallingford Community Garden",
        "community_group",
        "small",
        "A community garden that grows food for the local food bank.",
        100,
        [
            (
                "Gardening together",
                "outdoors",
                "Sowing, weeding and picking with a friendly team.",
                "Anyone",
                "venue",
                "OX10",
                [(0, "free", "")],
                ("WE,SA", "10:00", "13:00"),
                [],
                True,
                (
                    "Community Garden",
                    "Castle Lane",
                    "Wallingford",
                    "OX10 0AA",
                    "Level paths, raised beds.",
                ),
            ),
        ],
    ),
    (
        "Oxford Mindful Walks",
        "micro_enterprise",
        "one",
        "Slow walks in green places, with a little mindfulness.",
        200,
        [
            (
                "Mindful walks",
                "mental-health",
                "A slow walk with moments of quiet noticing.",
                "Adults",
                "venue",
                "OX2, OX3",
                [(500, "session", "")],
                ("SU", "10:00", "11:30"),
                [DP, SELF],
                True,
                ("University Parks gate", "Parks Road", "Oxford", "OX1 3PW", "Flat paths."),
            ),
        ],
    ),
    (
        "Cholsey Singers",
        "community_group",
        "small",
        "A singing group for people living with dementia and their carers.",
        190,
        [
            (
                "Singing for the brain",
                "mental-health",
                "Songs you know, tea and cake.",
                "People with dementia and their carers",
                "venue",
                "OX10, OX11",
                [(0, "free", "")],
                ("MO", "14:00", "15:30"),
                [],
                True,
                ("Cholsey Village Hall", "Station Road", "Cholsey", "OX10 9PT", "Step-free."),
            ),
        ],
    ),
    (
        "Ride High Cycling",
        "social_enterprise",
        "small",
        "Adapted bikes and trikes for everyone, on a safe traffic-free track.",
        11,
        [
            (
                "Inclusive cycling",
                "sport-fitness",
                "Try a trike, a tandem or a wheelchair bike.",
                "Anyone, any ability",
                "venue",
                "OX4, OX33, OX44",
                [(600, "session", ""), (0, "free", "for a carer who rides along")],
                ("SU", "10:00", "13:00"),
                [DP, MA, PHB, SELF],
                True,
                (
                    "Horspath Track",
                    "Oxford Road",
                    "Horspath",
                    "OX33 1RX",
                    "Accessible toilet. Hoist on site.",
                ),
            ),
        ],
    ),
    (
        "Watlington Digital Stories",
        "micro_enterprise",
        "one",
        "Make a short film about your life with a friendly film maker.",
        24,
        [
            (
                "Life story film",
                "arts-crafts",
                "Over four visits we make a short film together, at your home.",
                "Anyone who would like to tell their story",
                "home",
                "OX49, OX39",
                [(6000, "session", ""), (20000, "item", "four sessions")],
                ("TU,WE", "10:00", "16:00"),
                [DP, PHB, SELF],
                False,
                None,
            ),
        ],
    ),
    (
        "Botley Pet Pals",
        "micro_enterprise",
        "one",
        "Dog walking and pet care, so you can keep your pet.",
        6,
        [
            (
                "Dog walking",
                "help-at-home",
                "Daily dog walks and feeding while you are unwell.",
                "People who need help caring for a pet",
                "home",
                "OX2, OX1",
                [(1200, "item", "per walk")],
                ("MO,TU,WE,TH,FR,SA,SU", "08:00", "18:00"),
                [DP, SELF],
                False,
                None,
            ),
        ],
    ),
    (
        "Charlbury Games Club",
        "community_group",
        "small",
        "Board games, card games and biscuits.",
        13,
        [
            (
                "Games afternoon",
                "day-activities",
                "Easy games and hard ones. We teach you the rules.",
                "Anyone over 16",
                "venue",
                "OX7, OX29",
                [(0, "free", "")],
                ("SU", "14:00", "17:00"),
                [],
                True,
                (
                    "Charlbury Corner House",
                    "Market Street",
                    "Charlbury",
                    "OX7 3PH",
                    "Step-free ground floor.",
                ),
            ),
        ],
    ),
    (
        "Kennington Community Kitchen",
        "community_enterprise",
        "small",
        "Cook and eat together, learn easy recipes for one.",
        19,
        [
            (
                "Cook and eat",
                "food",
                "We cook a simple meal together, then eat it.",
                "Adults who want to cook more",
                "venue",
                "OX1, OX14",
                [(500, "session", "ingredients included")],
                ("WE", "17:00", "19:00"),
                [DP, MA, ISF, SELF],
                True,
                (
                    "Kennington Village Centre",
                    "Kennington Road",
                    "Kennington",
                    "OX1 5PG",
                    "Step-free. Accessible toilet.",
                ),
            ),
        ],
    ),
]

DEMO_OWNED = "Oakleaf Crafts"  # the listing the demo provider account looks after
LANGUAGES = {
    "Polska Pomoc Support": ["Polish", "English"],
    "Sign and Share Oxford": ["British Sign Language", "English"],
}


def load(stdout) -> None:
    ensure_facts()
    categories = ensure_categories()
    created = 0
    with transaction.atomic():
        for row in PROVIDERS:
            created += load_provider(row, categories)
    stdout.write(f"Directory: {len(PROVIDERS)} providers ({created} new).")


def load_provider(row, categories) -> int:
    name, kind, size, about, days_ago, services = row
    if Organisation.objects.filter(name=name).exists():
        return 0
    organisation = Organisation.objects.create(
        name=name,
        kind=kind,
        size=size,
        description=about,
        status=ListingStatus.APPROVED,
        last_confirmed=timezone.localdate() - datetime.timedelta(days=days_ago),
        website=f"https://{slugify(name)}.example",
    )
    if name == DEMO_OWNED:
        from accounts.demo import demo_user

        organisation.owners.add(demo_user(Role.PROVIDER))
    for service_row in services:
        load_service(organisation, service_row, categories)
    return 1


def load_service(organisation, row, categories) -> None:
    (name, category, description, who_for, where, districts, costs, when, pay, shareable,
     venue) = row  # fmt: skip
    service = Service.objects.create(
        organisation=organisation,
        name=name,
        category=categories[category],
        description=description,
        who_for=who_for,
        at_home=where == "home",
        at_venue=where == "venue",
        online=where == "online",
        shareable_by_group=shareable,
        max_group_size=6 if shareable else None,
        invoices_accepted=MA in pay or ISF in pay,
        checks=["insurance", "dbs"] if organisation.kind != "community_group" else ["insurance"],
        **{PAY_FIELDS[code]: True for code in pay},
    )
    for district in [d.strip() for d in districts.split(",") if d.strip()]:
        ServiceArea.objects.create(service=service, district=district, name=district)
    for pence, unit, note in costs:
        CostOption.objects.create(service=service, amount_pence=pence, unit=unit, description=note)
    days, opens, closes = when
    Schedule.objects.create(
        service=service,
        byday=days,
        opens_at=datetime.time.fromisoformat(opens) if opens else None,
        closes_at=datetime.time.fromisoformat(closes) if closes else None,
    )
    for language in LANGUAGES.get(organisation.name, ["English"]):
        Language.objects.create(service=service, name=language)
    if venue:
        venue_name, address, town, postcode, access = venue
        location, _ = Location.objects.get_or_create(
            organisation=organisation,
            name=venue_name,
            defaults={
                "address_1": address,
                "city": town,
                "region": "Oxfordshire",
                "postcode": postcode,
                "accessibility": access,
            },
        )
        ServiceAtLocation.objects.create(service=service, location=location)
    reindex(service)
