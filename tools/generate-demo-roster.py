#!/usr/bin/env python3
# Generates the fictional Denver-metro demo data for Dispatch Gateway:
#   routes/src/main/resources/demo/roster.json  (40 technicians, 300 customers, 4 depots)
#   examples/job-critical.json                  (gas smell at a PLATINUM customer)
#   examples/job-routine.json                   (furnace maintenance at a SILVER customer)
# Run from anywhere (paths are resolved from this script's location):
#   python3 tools/generate-demo-roster.py            # writes the three files above
#   python3 tools/generate-demo-roster.py --stdout   # prints roster.json only, writes nothing
# Python 3.11 standard library only. The random seed is fixed, so the output is identical on every run.
# All names, addresses, phone numbers (555-01xx) and e-mails (example.com) are invented.

import datetime
import json
import math
import random
import sys
from pathlib import Path

SEED = 20261122
TODAY = datetime.date(2026, 11, 22)  # certificates expiring before this date count as expired

REPO_ROOT = Path(__file__).resolve().parent.parent
ROSTER_PATH = REPO_ROOT / "routes" / "src" / "main" / "resources" / "demo" / "roster.json"
JOB_CRITICAL_PATH = REPO_ROOT / "examples" / "job-critical.json"
JOB_ROUTINE_PATH = REPO_ROOT / "examples" / "job-routine.json"

rng = random.Random(SEED)

# --------------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------------

SKILLS = ["hvac-heating", "hvac-cooling", "refrigeration", "gas", "electrical",
          "plumbing", "network", "fiber", "general"]
CERT_CODES = ["EPA-608", "GAS-FITTER", "ELECTRICAL-LICENSE", "FIBER-SPLICING", "OSHA-10"]
PARTS = ["CAP-45-5", "CONT-30A", "IGN-HSI-01", "FLAME-SNSR", "TSTAT-WIFI", "FLT-16X25",
         "FAN-MTR-13HP", "REFR-R410A", "VALVE-GAS-050", "BRKR-20A", "GFCI-20A", "PVC-TRAP-150",
         "WH-ELEMENT-4500", "ONT-GPON", "SFP-10G-LR", "PATCH-CAT6", "SPLICE-TRAY"]

# Parts a technician with a given skill would plausibly carry.
PARTS_BY_SKILL = {
    "hvac-heating": ["IGN-HSI-01", "FLAME-SNSR", "TSTAT-WIFI", "FLT-16X25"],  # gas valves: gas-qualified only
    "hvac-cooling": ["CAP-45-5", "CONT-30A", "FAN-MTR-13HP", "REFR-R410A", "TSTAT-WIFI", "FLT-16X25"],
    "refrigeration": ["CAP-45-5", "CONT-30A", "FAN-MTR-13HP", "REFR-R410A"],
    "gas": ["VALVE-GAS-050", "IGN-HSI-01", "FLAME-SNSR"],
    "electrical": ["BRKR-20A", "GFCI-20A", "CONT-30A"],
    "plumbing": ["PVC-TRAP-150", "WH-ELEMENT-4500"],
    "network": ["PATCH-CAT6", "SFP-10G-LR", "ONT-GPON"],
    "fiber": ["ONT-GPON", "SPLICE-TRAY", "SFP-10G-LR"],
    "general": ["FLT-16X25", "GFCI-20A", "PATCH-CAT6"],
}

WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
ALL_DAYS = WEEKDAYS + ["SATURDAY", "SUNDAY"]

FIRST_NAMES = [
    "Maria", "James", "Aisha", "Daniel", "Priya", "Marcus", "Elena", "Tomas", "Grace", "Kwame",
    "Sofia", "Ethan", "Mei", "Jamal", "Hannah", "Diego", "Olivia", "Ravi", "Chloe", "Andre",
    "Natalie", "Luis", "Yuki", "Caleb", "Fatima", "Owen", "Camila", "Trevor", "Nadia", "Samuel",
    "Leah", "Hector", "Brianna", "Arjun", "Rosa", "Wesley", "Ingrid", "Malik", "Tessa", "Victor",
    "Dana", "Reggie", "Lucia", "Colin", "Amara", "Felix",
]
LAST_NAMES = [
    "Lopez", "Whitfield", "Okafor", "Brennan", "Raman", "Delgado", "Novak", "Harlow", "Castillo",
    "Mensah", "Lindqvist", "Tran", "Abernathy", "Quintero", "Sato", "Hollis", "Ferreira", "Banerjee",
    "Kowalski", "Duarte", "Pennington", "Yazzie", "Marchetti", "Osei", "Carver", "Nguyen", "Ridley",
    "Vasquez", "Ellison", "Haddad", "Moreau", "Stroud", "Iverson", "Acosta", "Bellamy", "Kimura",
    "Galloway", "Soto", "Fairbanks", "Renner", "Achebe", "Thornbury", "Villanueva", "Mercer",
]

PLACE_WORDS = [
    "Harbor Pointe", "Cedar Ridge", "Blue Spruce", "Aspen Hollow", "Willow Creek", "Red Mesa",
    "Granite Peak", "Sandstone", "Prairie Wind", "Silver Sage", "Kestrel", "Foxglove", "Meadowlark",
    "Timberline", "Copper Canyon", "Larkspur", "High Plains", "Juniper", "Bluebird", "Stonegate",
    "Summit View", "Ironwood", "Clearwater", "Golden Aspen", "Riverbend", "Pinecrest", "Sunflower",
    "Thistle", "Twin Pines", "Elkhorn", "Sagebrush", "Quarry Hill", "Antelope Run", "Arrowhead",
    "Bristlecone", "Cottonwood", "Wildflower", "Lantern", "Saffron", "Bramble", "Morning Star",
    "Blue Heron", "Prospect Hill", "Redtail", "Alder Bend", "Coyote Gulch",
    "Starling", "Westwind", "Birchwood", "Canyon Light", "Pike Ridge", "Tallgrass",
]

BUSINESS_TEMPLATES = {
    "clinic": ["{p} Dental", "{p} Family Clinic", "{p} Veterinary Hospital", "{p} Urgent Care",
               "{p} Physical Therapy", "{p} Pediatrics", "{p} Dialysis Center", "{p} Eye Care"],
    "restaurant": ["{p} Bistro", "{p} Taqueria", "{p} Brewing Co.", "{p} Diner", "{p} Noodle House",
                   "{p} Bakery", "{p} Pizzeria", "{p} Smokehouse"],
    "office": ["{p} Insurance Group", "{p} Law Offices", "{p} Accounting", "{p} Property Management",
               "{p} Architects", "{p} Business Park", "{p} Engineering", "{p} Realty"],
    "data": ["{p} Data Center", "{p} Colocation Suite", "{p} Network Operations Center",
             "{p} Hosting", "{p} Telecom Hub", "{p} Credit Union Server Room"],
    "school": ["{p} Elementary School", "{p} Middle School", "{p} Montessori Academy",
               "{p} Community Learning Center", "{p} Preschool", "{p} Charter Academy"],
    "retail": ["{p} Hardware", "{p} Market", "{p} Outfitters", "{p} Pharmacy", "{p} Florist",
               "{p} Grocery", "{p} Bike Shop", "{p} Books"],
    "facility": ["{p} Senior Living", "{p} Fitness Club", "{p} Inn", "{p} Self Storage",
                 "{p} Apartments", "{p} Community Center"],
}

CATEGORY_WEIGHTS_BY_TIER = {
    "PLATINUM": {"clinic": 35, "data": 30, "school": 10, "office": 15, "facility": 10},
    "GOLD": {"clinic": 20, "data": 12, "school": 15, "office": 18, "restaurant": 13, "retail": 10,
             "facility": 7, "household": 5},
    "SILVER": {"clinic": 10, "data": 3, "school": 5, "office": 14, "restaurant": 18, "retail": 18,
               "facility": 7, "household": 25},
    "STANDARD": {"office": 8, "restaurant": 14, "retail": 14, "facility": 4, "household": 60},
}

STREET_NAMES = [
    "Larkspur", "Juniper", "Aspen Grove", "Bluebell", "Kestrel", "Sagebrush", "Cottonwood", "Alder",
    "Pinon", "Marigold", "Quail Run", "Sandhill", "Hawthorne", "Linden", "Buckthorn", "Yarrow",
    "Cinder", "Elmwood", "Foxtail", "Granby", "Harrier", "Indigo", "Jasper", "Kiowa Trail",
    "Lupine", "Mallow", "Nighthawk", "Oakmoss", "Primrose", "Quarry", "Redwing", "Shale",
    "Tamarack", "Umber", "Vesper", "Wheatgrass", "Yucca", "Zinnia", "Brookline", "Chickadee",
    "Driftwood", "Emberly", "Fernhill", "Goldfinch", "Hollyhock", "Ivywood", "Mica", "Sorrel",
]
STREET_SUFFIXES = ["St", "Ave", "Dr", "Ct", "Way", "Blvd", "Pl", "Ln", "Cir", "Pkwy"]

NOTES_BY_CATEGORY = {
    "clinic": [
        "Use the staff entrance on the east side; patients only at the front.",
        "Freight elevator to the 2nd-floor mechanical room; standard elevators are for patients.",
        "Vaccine refrigerators on a dedicated circuit, panel C. Notify the office manager before any shutdown.",
        "Open 07:00-19:00. Check in with the front desk and wear a visitor badge.",
    ],
    "restaurant": [
        "Avoid the lunch rush 11:30-13:30. Kitchen entrance is through the alley.",
        "Walk-in cooler behind the kitchen; the manager on duty has the key.",
        "Rooftop units reached by ladder in the storage room.",
        "Kitchen equipment on a separate panel, panel B.",
    ],
    "office": [
        "Check in at the lobby security desk; badge issued on arrival.",
        "Mechanical room in the basement, via the north stairwell.",
        "After hours, call the building engineer on call.",
        "Suite on the 3rd floor; loading dock entry from the rear lot.",
    ],
    "data": [
        "Server room badge required; escort from NOC staff. 24x7 site.",
        "CRAC units in row B. No work on both units at once without change approval.",
        "Fiber demarc in the telecom closet, 2nd floor, room 214.",
        "Sign the access log at security. No photos inside the data hall.",
    ],
    "school": [
        "School in session 07:45-15:15; sign in at the main office and wear a visitor badge.",
        "Boiler room behind the gym; the custodian has the keys.",
        "Prefer work after 15:30 or on weekends when students are present.",
    ],
    "retail": [
        "Park in the loading dock at the rear; the front lot is for customers.",
        "Store opens 09:00. Ask for the shift lead.",
        "Rooftop access hatch in the back stockroom.",
    ],
    "facility": [
        "Check in at reception; residents' rooms require staff escort.",
        "Boiler and water heaters in the basement utility room.",
        "Ask for the facilities manager; the front desk will page them.",
    ],
    "household": [
        "Dog on premises; call before entering the back yard.",
        "Elderly occupant; please call 30 minutes ahead.",
        "Street parking only, permit zone; use the driveway if empty.",
        "Furnace in the crawl space; bring a drop light.",
        "Customer prefers text messages to calls.",
        "Tenant on site only after 16:00.",
        "Water heater in the garage. Side gate sticks, lift while opening.",
    ],
}
GENERIC_NOTES = [
    "Gate code {code}. Ask for the facilities manager.",
    "Key in lockbox by the side door, code {code}.",
    "Alarm panel inside the front door; the customer will disarm it.",
    "Previous visit noted a loose access panel on the unit.",
]

# Rough municipality / ZIP layout of the metro, by position.
DENVER_ZIPS = ["80203", "80204", "80205", "80206", "80207", "80209", "80210", "80211", "80212",
               "80218", "80219", "80220", "80222", "80224", "80230", "80231", "80237", "80238"]


def city_and_zip(lat, lon):
    if lat > 39.86:
        if lon < -105.0:
            return "Westminster", rng.choice(["80031", "80020", "80234"])
        if lon > -104.88:
            return "Commerce City", "80022"
        return "Thornton", rng.choice(["80229", "80233", "80241"])
    if lat > 39.78:
        if lon < -105.05:
            return "Arvada", rng.choice(["80002", "80003", "80004", "80005"])
        if lon > -104.88:
            return "Commerce City", "80022"
        return "Denver", rng.choice(["80211", "80216", "80221", "80239"])
    if lat > 39.66:
        if lon < -105.05:
            return "Lakewood", rng.choice(["80214", "80215", "80226", "80227", "80228"])
        if lon > -104.86:
            return "Aurora", rng.choice(["80010", "80012", "80014", "80017"])
        return "Denver", rng.choice(DENVER_ZIPS)
    if lon < -105.0:
        return "Littleton", rng.choice(["80120", "80123", "80127", "80128"])
    if lon > -104.90:
        return "Centennial", rng.choice(["80111", "80112", "80122"])
    return "Englewood", rng.choice(["80110", "80113"])


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------

LAT_MIN, LAT_MAX = 39.55, 39.95
LON_MIN, LON_MAX = -105.15, -104.75
CENTRE = (39.7392, -104.9903)


def territory_of(lat, lon):
    if lat > 39.80:
        return "north"
    if lat < 39.66:
        return "south"
    if lon > -104.92:
        return "east"
    if lon < -105.04:
        return "west"
    return "central"


# Sampling boxes per territory, kept a little inside the territory boundaries so rounding can never
# move a point across a boundary.
TERRITORY_BOXES = {
    "north": (39.805, 39.94, -105.12, -104.78),
    "south": (39.56, 39.655, -105.12, -104.78),
    "east": (39.665, 39.795, -104.915, -104.77),
    "west": (39.665, 39.795, -105.13, -105.045),
    "central": (39.665, 39.795, -105.035, -104.925),
}


def point_in(box):
    lat_min, lat_max, lon_min, lon_max = box
    return round(rng.uniform(lat_min, lat_max), 5), round(rng.uniform(lon_min, lon_max), 5)


def customer_point():
    """Customers cluster towards the urban core but spread over the whole metro."""
    if rng.random() < 0.6:
        lat = rng.gauss(CENTRE[0], 0.07)
        lon = rng.gauss(CENTRE[1] + 0.03, 0.08)
    else:
        lat = rng.uniform(LAT_MIN, LAT_MAX)
        lon = rng.uniform(LON_MIN, LON_MAX)
    lat = min(max(lat, LAT_MIN + 0.005), LAT_MAX - 0.005)
    lon = min(max(lon, LON_MIN + 0.005), LON_MAX - 0.005)
    return round(lat, 5), round(lon, 5)


def distance_km(a_lat, a_lon, b_lat, b_lon):
    d_lat = math.radians(b_lat - a_lat)
    d_lon = math.radians(b_lon - a_lon)
    h = (math.sin(d_lat / 2) ** 2
         + math.cos(math.radians(a_lat)) * math.cos(math.radians(b_lat)) * math.sin(d_lon / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def random_date(start, end):
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


VALID_FROM = datetime.date(2026, 12, 1)
VALID_TO = datetime.date(2028, 12, 31)


def valid_expiry():
    return random_date(VALID_FROM, VALID_TO).isoformat()


def weighted_choice(weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


# --------------------------------------------------------------------------------------------------
# Technicians
# --------------------------------------------------------------------------------------------------

# (archetype, count). Counts add up to 40.
ARCHETYPES = [("hvac", 10), ("heating", 4), ("refrigeration", 5), ("electrician", 7),
              ("plumber", 6), ("telecom", 6), ("generalist", 2)]


def skills_for(archetype):
    primary = lambda: rng.randint(3, 5)
    secondary = lambda: rng.randint(1, 3)
    s = {}
    if archetype == "hvac":
        s["hvac-heating"] = primary()
        s["hvac-cooling"] = primary()
        if rng.random() < 0.6:
            s["gas"] = rng.randint(2, 4)
        if rng.random() < 0.3:
            s["electrical"] = secondary()
        if rng.random() < 0.2 and len(s) < 4:
            s["refrigeration"] = secondary()
    elif archetype == "heating":
        s["hvac-heating"] = primary()
        s["gas"] = primary()
        if rng.random() < 0.5:
            s["plumbing"] = secondary()
    elif archetype == "refrigeration":
        s["refrigeration"] = primary()
        s["hvac-cooling"] = primary()
        if rng.random() < 0.5:
            s["electrical"] = secondary()
    elif archetype == "electrician":
        s["electrical"] = primary()
        extra = rng.choice([None, "hvac-cooling", "hvac-heating", "network"])
        if extra:
            s[extra] = secondary()
    elif archetype == "plumber":
        s["plumbing"] = primary()
        if rng.random() < 0.5:
            s["gas"] = rng.randint(2, 4)
        if rng.random() < 0.4:
            s["hvac-heating"] = secondary()
    elif archetype == "telecom":
        s["network"] = primary()
        if rng.random() < 0.7:
            s["fiber"] = primary()
        if rng.random() < 0.3:
            s["electrical"] = secondary()
    elif archetype == "generalist":
        s[rng.choice(["plumbing", "electrical", "hvac-heating"])] = rng.randint(1, 2)
    s["general"] = rng.randint(4, 5) if archetype == "generalist" else rng.randint(1, 4)
    assert 1 <= len(s) - 1 <= 4, s
    return {k: s[k] for k in SKILLS if k in s}


def certifications_for(archetype, skills):
    certs = {}
    if ("hvac-cooling" in skills or "refrigeration" in skills) and rng.random() < 0.85:
        certs["EPA-608"] = valid_expiry()
    if skills.get("gas", 0) >= 3 or (skills.get("gas", 0) == 2 and rng.random() < 0.6):
        certs["GAS-FITTER"] = valid_expiry()
    if skills.get("electrical", 0) >= 3:
        certs["ELECTRICAL-LICENSE"] = valid_expiry()
    if skills.get("fiber", 0) >= 3:
        certs["FIBER-SPLICING"] = valid_expiry()
    if rng.random() < 0.5:
        certs["OSHA-10"] = None  # OSHA-10 cards do not expire
    return certs


# Shift patterns for the 40 technicians, dealt out in shuffled order: mostly weekday day shifts, some
# with Saturday, and an evening / on-call crew working 12:00-22:00 all week.
SHIFT_PATTERNS = ([(WEEKDAYS, "07:00", "17:00")] * 19 + [(WEEKDAYS, "08:00", "18:00")] * 11
                  + [(WEEKDAYS + ["SATURDAY"], "07:00", "17:00")] * 4
                  + [(WEEKDAYS + ["SATURDAY"], "08:00", "18:00")] * 3
                  + [(ALL_DAYS, "12:00", "22:00")] * 3)


def truck_stock_for(skills):
    # Parts for the trade skills; the handyman "general" parts only top up a truck that would be too empty.
    pool = []
    for skill in [s for s in skills if s != "general"] + ["general"]:
        if skill == "general" and len(pool) >= 3:
            break
        for part in PARTS_BY_SKILL[skill]:
            if part not in pool:
                pool.append(part)
    count = min(len(pool), rng.randint(3, 8))
    chosen = set(rng.sample(pool, count))
    stock = {}
    for part in PARTS:  # catalogue order
        if part in chosen:
            if part == "REFR-R410A":
                stock[part] = rng.randint(1, 2)
            elif part in ("FLT-16X25", "PATCH-CAT6"):
                stock[part] = rng.randint(4, 12)
            elif part in ("FAN-MTR-13HP", "SFP-10G-LR", "ONT-GPON", "WH-ELEMENT-4500"):
                stock[part] = rng.randint(1, 3)
            else:
                stock[part] = rng.randint(1, 6)
    return stock


def build_technicians():
    archetypes = [a for a, n in ARCHETYPES for _ in range(n)]
    rng.shuffle(archetypes)
    territories = ["north", "south", "east", "west", "central"] * 8
    rng.shuffle(territories)
    shifts = list(SHIFT_PATTERNS)
    rng.shuffle(shifts)

    names = set()
    technicians = []
    for i, archetype in enumerate(archetypes, start=1):
        while True:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            if (first, last) not in names:
                names.add((first, last))
                break
        skills = skills_for(archetype)
        certs = certifications_for(archetype, skills)
        days, start, end = shifts[i - 1]
        shift = {"days": list(days), "start": start, "end": end}
        lat, lon = point_in(TERRITORY_BOXES[territories[i - 1]])
        technicians.append({
            "id": f"T-{i:03d}",
            "name": f"{first} {last}",
            "skills": skills,
            "_certs": certs,
            "shift": shift,
            "homeBase": {"lat": lat, "lon": lon},
            "territory": territory_of(lat, lon),
            "truckStock": truck_stock_for(skills),
            "contact": {"phone": f"+1-303-555-{100 + i:04d}",
                        "email": f"{first.lower()}.{last.lower()}@example.com"},
            "active": True,
            "lastKnownLocation": None,
        })

    # Exactly 4 technicians hold an EPA-608 or GAS-FITTER that has already expired: two of each.
    expired = []
    for code, date in (("EPA-608", "2026-10-01"), ("GAS-FITTER", "2026-07-31"),
                       ("EPA-608", "2026-11-15"), ("GAS-FITTER", "2026-09-15")):
        t = rng.choice([t for t in technicians if code in t["_certs"] and t not in expired])
        t["_certs"][code] = date
        expired.append(t)

    # Two inactive technicians (on leave), distinct from the expired-cert cases.
    for t in rng.sample([t for t in technicians if t not in expired], 2):
        t["active"] = False

    # Materialise certifications in catalogue order and put the keys in the documented order.
    result = []
    for t in technicians:
        certs = [{"code": c, "expiresOn": t["_certs"][c]} for c in CERT_CODES if c in t["_certs"]]
        result.append({
            "id": t["id"], "name": t["name"], "skills": t["skills"], "certifications": certs,
            "shift": t["shift"], "homeBase": t["homeBase"], "territory": t["territory"],
            "truckStock": t["truckStock"], "contact": t["contact"], "active": t["active"],
            "lastKnownLocation": t["lastKnownLocation"],
        })
    return result


# --------------------------------------------------------------------------------------------------
# Customers
# --------------------------------------------------------------------------------------------------

ENTITLEMENT_BY_TIER = {
    "PLATINUM": ({"CRITICAL": "PT2H", "HIGH": "PT4H", "NORMAL": "PT8H", "LOW": "PT48H"}, [5000, 5000, 7500]),
    "GOLD": ({"CRITICAL": "PT4H", "HIGH": "PT8H", "NORMAL": "PT24H", "LOW": "PT72H"}, [2000, 2500, 3000]),
    "SILVER": ({"CRITICAL": "PT6H", "HIGH": "PT12H", "NORMAL": "PT36H", "LOW": "PT96H"}, [750, 1000]),
    "STANDARD": ({"CRITICAL": "PT8H", "HIGH": "PT24H", "NORMAL": "PT48H", "LOW": "PT120H"}, [0]),
}

TIER_COUNTS = {"PLATINUM": 24, "GOLD": 60, "SILVER": 90, "STANDARD": 126}  # 8% / 20% / 30% / 42%

# Skill most relevant to a customer category (used to pick a required technician).
CATEGORY_SKILL = {"data": "network", "clinic": "hvac-cooling", "school": "hvac-heating",
                  "office": "electrical", "facility": "plumbing"}


def build_customers(technicians):
    tiers = [t for t, n in TIER_COUNTS.items() for _ in range(n)]
    rng.shuffle(tiers)

    used_names = set()
    used_addresses = set()
    customers = []
    categories = []
    for i, tier in enumerate(tiers, start=1):
        category = weighted_choice(CATEGORY_WEIGHTS_BY_TIER[tier])
        while True:
            if category == "household":
                name = f"Residence of {rng.choice('ABCDEFGHJKLMNPRSTW')}. {rng.choice(LAST_NAMES)}"
            else:
                name = rng.choice(BUSINESS_TEMPLATES[category]).format(p=rng.choice(PLACE_WORDS))
            if name not in used_names:
                used_names.add(name)
                break

        lat, lon = customer_point()
        city, zip_code = city_and_zip(lat, lon)
        while True:
            number = rng.randint(10000, 15999) if rng.random() < 0.1 else rng.randint(100, 9999)
            street = f"{number} {rng.choice(STREET_NAMES)} {rng.choice(STREET_SUFFIXES)}"
            if category in ("office", "clinic", "data") and rng.random() < 0.4:
                street += f", Suite {rng.choice([100, 110, 120, 200, 210, 250, 300, 310, 400, 500])}"
            if street not in used_addresses:
                used_addresses.add(street)
                break
        address = f"{street}, {city}, CO {zip_code}"

        sla, penalties = ENTITLEMENT_BY_TIER[tier]
        per_breach = rng.choice(penalties)

        note = None
        if rng.random() < 0.7:
            pool = NOTES_BY_CATEGORY[category] + GENERIC_NOTES
            note = rng.choice(pool).format(code=f"{rng.randint(1000, 9999)}")

        customers.append({
            "id": f"C-{i:04d}",
            "name": name,
            "tier": tier,
            "site": {"address": address, "lat": lat, "lon": lon},
            "entitlement": {
                "slaTargets": dict(sla),
                "penalty": {"perBreach": per_breach, "perHourLate": per_breach // 10, "currency": "USD"},
                "preferredTechnicianIds": [],
                "excludedTechnicianIds": [],
                "requiredTechnicianId": None,
            },
            "notes": note,
        })
        categories.append(category)

    active = [t for t in technicians if t["active"]]

    def nearest(c, pool):
        s = c["site"]
        return sorted(pool, key=lambda t: distance_km(s["lat"], s["lon"], t["homeBase"]["lat"], t["homeBase"]["lon"]))

    indices = list(range(len(customers)))
    # Two customers (PLATINUM/GOLD businesses) whose contract names the only technician allowed.
    required_candidates = [i for i in indices
                           if customers[i]["tier"] in ("PLATINUM", "GOLD") and categories[i] in CATEGORY_SKILL]
    required_idx = rng.sample(required_candidates, 2)
    for i in required_idx:
        c = customers[i]
        skill = CATEGORY_SKILL[categories[i]]
        skilled = [t for t in active if t["skills"].get(skill, 0) >= 3] or active
        tech = nearest(c, skilled)[0]
        c["entitlement"]["requiredTechnicianId"] = tech["id"]
        c["entitlement"]["preferredTechnicianIds"] = [tech["id"]]

    rest = [i for i in indices if i not in required_idx]
    # ~10% prefer 1-2 technicians (usually ones based nearby).
    preferred_idx = rng.sample(rest, 28)
    for i in preferred_idx:
        c = customers[i]
        near = nearest(c, active)[:5]
        picks = rng.sample(near, rng.choice([1, 1, 2]))
        c["entitlement"]["preferredTechnicianIds"] = sorted(t["id"] for t in picks)
    # ~5% exclude one technician (a past complaint), never one they also prefer.
    excluded_idx = rng.sample(rest, 15)
    for i in excluded_idx:
        c = customers[i]
        prefs = set(c["entitlement"]["preferredTechnicianIds"])
        candidates = [t for t in nearest(c, technicians)[:8] if t["id"] not in prefs]
        c["entitlement"]["excludedTechnicianIds"] = [rng.choice(candidates)["id"]]

    return customers, categories


# --------------------------------------------------------------------------------------------------
# Depots
# --------------------------------------------------------------------------------------------------

def build_depots():
    specs = [
        ("D-01", "North Depot", 39.86214, -104.97852),
        ("D-02", "South Depot", 39.60537, -104.98211),
        ("D-03", "East Depot", 39.74108, -104.83472),
        ("D-04", "West Depot", 39.72865, -105.09934),
    ]
    missing = {"D-03": {"SPLICE-TRAY", "FAN-MTR-13HP"}, "D-04": {"SFP-10G-LR"}}
    depots = []
    for depot_id, name, lat, lon in specs:
        stock = {}
        for part in PARTS:
            if part in missing.get(depot_id, set()):
                continue
            if part in ("FLT-16X25", "PATCH-CAT6"):
                stock[part] = rng.randint(80, 200)
            elif part in ("REFR-R410A", "FAN-MTR-13HP", "SFP-10G-LR", "ONT-GPON"):
                stock[part] = rng.randint(6, 20)
            else:
                stock[part] = rng.randint(20, 60)
        depots.append({"id": depot_id, "name": name, "location": {"lat": lat, "lon": lon}, "stock": stock})
    return depots


# --------------------------------------------------------------------------------------------------
# Example jobs
# --------------------------------------------------------------------------------------------------

def build_jobs(customers, categories):
    def plain(i):
        e = customers[i]["entitlement"]
        return e["requiredTechnicianId"] is None and not e["excludedTechnicianIds"]

    def central_first(c):
        return distance_km(CENTRE[0], CENTRE[1], c["site"]["lat"], c["site"]["lon"])

    # Pick the most central eligible customer so the demo has candidates all around it.
    critical = min((customers[i] for i in range(len(customers))
                    if customers[i]["tier"] == "PLATINUM" and categories[i] in ("clinic", "school", "facility")
                    and plain(i)), key=central_first)
    routine = min((customers[i] for i in range(len(customers))
                   if customers[i]["tier"] == "SILVER" and categories[i] == "household" and plain(i)),
                  key=central_first)

    def location(c):
        s = c["site"]
        return {"address": s["address"], "lat": s["lat"], "lon": s["lon"]}

    job_critical = {
        "externalId": "DEMO-1001",
        "source": "demo",
        "customerId": critical["id"],
        "summary": "Smell of gas near the furnace, customer evacuated",
        "description": "Caller reports a strong gas odour in the utility room since this morning.",
        "location": location(critical),
        "reportedPriority": None,
        "requiredParts": ["VALVE-GAS-050"],
        "safetyImpact": True,
    }
    job_routine = {
        "externalId": "DEMO-1002",
        "source": "demo",
        "customerId": routine["id"],
        "summary": "Annual furnace maintenance and filter change",
        "description": "Yearly furnace inspection before winter and replacement of the 16x25 return-air filter. "
                       "Customer is flexible on timing this week.",
        "location": location(routine),
        "reportedPriority": "LOW",
        "requiredParts": ["FLT-16X25"],
        "safetyImpact": False,
    }
    return job_critical, job_routine


# --------------------------------------------------------------------------------------------------

def to_json(obj):
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"


def main(argv):
    technicians = build_technicians()
    customers, categories = build_customers(technicians)
    depots = build_depots()
    roster = {"technicians": technicians, "customers": customers, "depots": depots}
    job_critical, job_routine = build_jobs(customers, categories)

    if "--stdout" in argv:
        sys.stdout.write(to_json(roster))
        return
    for path, obj in ((ROSTER_PATH, roster), (JOB_CRITICAL_PATH, job_critical), (JOB_ROUTINE_PATH, job_routine)):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_json(obj), encoding="utf-8")
        print(f"wrote {path.relative_to(REPO_ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
