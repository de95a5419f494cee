"""Team-written wire stories, their syndicated variants, and other reports of the same events.

Used by tests/test_syndication.py and by bench/scale.py --copies, which measures the copy
threshold on them. Each story has ten variants as outlets publish wire copy: the copy as sent,
a rewritten lead, an added paragraph, a trimmed ending, another headline, and mixtures. Each
story also has an independent report of the same event, written by another newsroom: it must
stay a separate article.
"""

from __future__ import annotations

STORIES: dict[str, dict] = {
    "odesa": {
        "title": "Drones hit Odesa port, killing two dock workers",
        "lead": (
            "ODESA, Ukraine, March 12 (Wire) - Russian drones struck the port of Odesa overnight, "
            "killing two dock workers and setting fire to a grain terminal, the regional governor "
            "said on Tuesday."
        ),
        "alt_lead": (
            "Two dock workers were killed and a grain terminal was set ablaze when Russian drones "
            "attacked Odesa's port in the early hours of Tuesday, Ukrainian officials said."
        ),
        "body": [
            "Governor Oleh Kiper said air defences shot down 11 of the 14 drones launched from the "
            "south, but debris and three direct hits damaged warehouses and a loading crane at "
            "the terminal.",
            "Firefighters worked for more than five hours to put out the blaze, which destroyed "
            "about 2,000 tonnes of wheat waiting to be loaded onto a ship bound for Egypt, the "
            "port authority said in a statement.",
            "Russia's defence ministry said its forces had hit what it called military "
            "infrastructure in the Odesa region and did not mention civilian casualties.",
            "The Black Sea ports have been a frequent target since Moscow withdrew from a deal "
            "that allowed Ukraine to ship grain safely, and insurers have raised premiums for "
            "vessels calling at Odesa twice this year.",
            "Kiper said four other people, including a security guard, were treated in hospital "
            "for burns and shrapnel wounds and that two of them were in serious condition.",
        ],
        "extra": (
            "Ukraine's agriculture ministry said exports through the Odesa ports had nonetheless "
            "reached 4.1 million tonnes in February, close to the levels seen before the war."
        ),
        "other_report": (
            "Residents of Odesa's Peresyp district woke to explosions and the smell of burning "
            "grain on Tuesday. A night attack on the harbour left two men dead, according to "
            "the city's military administration.\n\n"
            "Port employee Andriy Melnyk, 43, told our correspondent that he saw a fireball rise "
            "over the third berth shortly after 2 a.m. 'We ran to the shelters, and when we came "
            "out the warehouse roof was gone,' he said.\n\n"
            "The administration said the dead men were a crane operator and a loader who had "
            "been on the night shift. Rescue teams searched the ruins of a storage hall until "
            "morning.\n\n"
            "Local shipping agents said two vessels delayed their arrival while damage was "
            "assessed, and a freight forwarder estimated the losses at several million dollars."
        ),
    },
    "el_fasher": {
        "title": "Shelling hits El Fasher hospital, MSF says",
        "lead": (
            "KHARTOUM, June 3 (Wire) - Shelling struck the last functioning maternity hospital in "
            "El Fasher on Sunday, killing at least six patients, the medical charity Doctors "
            "Without Borders said."
        ),
        "alt_lead": (
            "At least six patients died when shells hit the only maternity hospital still "
            "working in El Fasher, the capital of North Darfur, on Sunday, according to Doctors "
            "Without Borders."
        ),
        "body": [
            "The charity, known by its French initials MSF, said the shells fell on the women's "
            "ward and the pharmacy, and that staff had moved surviving patients to a clinic on "
            "the western edge of the city.",
            "It did not say who fired the shells. The Rapid Support Forces have besieged El "
            "Fasher for weeks in their war with the Sudanese army, and both sides have been "
            "accused of shelling residential districts.",
            "A spokesperson for the paramilitary group denied that its fighters had targeted the "
            "hospital and blamed army artillery positioned inside the city.",
            "The United Nations says more than 800,000 people are trapped in El Fasher, the "
            "last major city in Darfur outside RSF control, and has warned of famine in camps "
            "around it.",
            "MSF said it had treated more than 300 wounded people in the past ten days and that "
            "its supplies of blood and surgical kits would run out within a week.",
        ],
        "extra": (
            "The war between the army and the RSF began in April last year and has driven more "
            "than nine million people from their homes, the largest displacement crisis in the "
            "world."
        ),
        "other_report": (
            "Doctors in El Fasher described chaos on Sunday after an attack on the city's "
            "maternity hospital. Speaking by satellite phone, a nurse said mothers were carried "
            "out on mattresses while shells kept landing nearby.\n\n"
            "Local activists from the Fasher resistance committee said the dead included two "
            "newborns and a midwife, and posted pictures of a collapsed ward.\n\n"
            "The army's Sixth Division accused the paramilitaries of firing mortars from the "
            "north-east of the city. Our reporters could not independently confirm who was "
            "responsible.\n\n"
            "Aid workers said fuel for the hospital generators was almost gone and that the "
            "road from Tawila had been closed for days."
        ),
    },
    "goma": {
        "title": "M23 rebels seize town north of Goma",
        "lead": (
            "GOMA, Democratic Republic of Congo, Feb 8 (Wire) - M23 rebels captured the town of "
            "Sake, 25 km west of Goma, on Wednesday after two days of fighting with the Congolese "
            "army, residents and local officials said."
        ),
        "alt_lead": (
            "The M23 rebel group took control of Sake, a town that guards the western road into "
            "Goma, on Wednesday following two days of clashes with government troops, according "
            "to local officials and residents."
        ),
        "body": [
            "Thousands of people fled along the lake shore towards Goma, carrying mattresses and "
            "cooking pots, as mortar rounds fell on the hills around the town, a Wire reporter "
            "saw.",
            "An army spokesperson said troops had made a tactical withdrawal to protect "
            "civilians and would retake the town, and accused Rwanda of supporting the rebels "
            "with artillery.",
            "Rwanda denies backing the M23, although United Nations experts have reported "
            "evidence that Rwandan troops fight alongside the group in North Kivu.",
            "The fall of Sake leaves the main road from Goma to the mining areas of Masisi in "
            "rebel hands and cuts one of the city's last supply routes, aid agencies said.",
            "The hospital in Goma said it had admitted 47 wounded people since Monday, "
            "including 12 children hit by shrapnel.",
        ],
        "extra": (
            "More than 1.6 million people are already displaced in North Kivu province, many of "
            "them in camps on the outskirts of Goma, according to the International Organization "
            "for Migration."
        ),
        "other_report": (
            "Sake fell quietly in the end. By Wednesday afternoon the army checkpoints on the "
            "road from Goma were empty, and men in rebel uniforms were directing traffic in the "
            "market square, two traders told us by phone.\n\n"
            "The provincial governor's office said the army had regrouped at Mubambiro and "
            "promised a counter-offensive, while a civil society leader in Sake accused soldiers "
            "of looting shops before they left.\n\n"
            "At the Bulengo camp outside Goma, newly arrived families said they had walked "
            "through the night. 'We have nothing left,' said a mother of five from Sake.\n\n"
            "A rebel spokesman said on social media that the town was now 'liberated' and that "
            "residents could return safely."
        ),
    },
}

OUTLETS = [
    "Wire",
    "Black Sea Courier",
    "Daily Ledger",
    "Morning Standard",
    "Harbour Times",
    "Evening Post",
    "Continental Review",
    "City Gazette",
    "Northern Herald",
    "World Desk",
]


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def variants(key: str) -> list[dict]:
    """Ten syndicated versions of one story, as ten outlets published it."""
    story = STORIES[key]
    lead, alt, body, extra = story["lead"], story["alt_lead"], story["body"], story["extra"]
    texts = [
        _join([lead, *body]),  # the copy as sent
        _join([alt, *body]),  # rewritten lead
        _join([lead, *body, extra]),  # added paragraph
        _join([lead, *body[:-1]]),  # trimmed ending
        _join([lead, *body]),  # another headline only
        _join([alt, *body[:-1]]),  # rewritten lead, trimmed ending
        _join([lead, body[0], extra, *body[1:]]),  # background in the middle
        _join([lead, *body[:-2], extra]),  # trimmed, background added
        _join([lead.replace("(Wire) - ", ""), *body]),  # dateline credit removed
        _join([alt, *body[:-1], extra]),  # rewritten lead, trimmed, added
    ]
    titles = [story["title"]] * 10
    titles[4] = "Night attack on port: " + story["title"].lower()
    titles[1] = titles[5] = titles[9] = "UPDATE 1-" + story["title"]
    return [
        {
            "id": f"{key}-{n}",
            "text": text,
            "title": titles[n],
            "source": OUTLETS[n],
            "url": f"https://{OUTLETS[n].lower().replace(' ', '-')}.example/{key}-{n}",
            "published": "2024-03-12",
        }
        for n, text in enumerate(texts)
    ]


def other_report(key: str) -> dict:
    """An independent report of the same event, by another newsroom."""
    return {
        "id": f"{key}-own",
        "text": STORIES[key]["other_report"],
        "title": f"Eyewitnesses describe attack ({key})",
        "source": "Independent Monitor",
        "url": f"https://monitor.example/{key}",
        "published": "2024-03-12",
    }
