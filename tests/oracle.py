"""A reference pairing, written from SPEC without reading ``eligibility.py``, ``scoring.py``
or ``solver.py``: its own text folding, availability, rules, scores and an integer
programme (SciPy's ``milp``, HiGHS) solved in two stages — the greatest number of pairs,
then the greatest score among assignments with that many pairs.

Rosters are generated as the text an administrator would type, so the implementation is
judged from its reader onwards. Used by ``tests/test_oracle.py`` and
``benchmarks/oracle_sweep.py``.
"""

from __future__ import annotations

import csv
import functools
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp
from scipy.sparse import coo_matrix

COLUMNS = ["Name", "Email", "Profession", "Organisation", "Specialty", "Cluster",
           "Registered practice", "Host days", "Visit days", "Preference 1", "Preference 2",
           "Preference 3", "Avoid", "Capacity", "Status"]

FIRST = ["Amelia", "Oliver", "Isla", "Arjun", "Freya", "Kwame", "Niamh", "Tobias", "Priya",
         "Eilidh", "Rufus", "Sanne", "Marek", "Delphine", "Hamish", "Yusra", "Caspian",
         "Ottilie", "Bertrand", "Zainab"]
LAST = ["Ashworth", "Pemberton", "Okonkwo", "Rasmussen", "Thistlewood", "Marchbanks",
        "Quennell", "Abernathy", "Villiers", "Cardew", "Fairbrother", "Lockhart", "Penhaligon",
        "Tregothnan", "Wolstenholme", "Yardley"]
PRACTICES = ["Harbourside Surgery", "Elmfield Surgery", "Kingsway Practice",
             "Milldown Medical Centre"]
HOSPITALS = ["Wessex General - Cardiology", "Wessex General - Respiratory",
             "Downland Hospital", "Harbourside Surgery"]  # one name shared with a practice
SPECIALTIES = ["Cardiology", "Respiratory", "Dermatology", "Paediatrics"]
CLUSTERS = ["", "", "North", "South", "Coastal"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"]
TITLES = {"dr", "prof", "mr", "mrs", "ms", "miss"}
PERSON_WEIGHT = (6, 4, 2)
TOPIC_WEIGHT = (3, 2, 1)
CLUSTER_WEIGHT = 1


@functools.cache
def fold(text: str) -> str:
    """Case-folded, trimmed, spaces and punctuation collapsed (SPEC, "Pairing rules")."""
    return " ".join(re.sub(r"[^0-9a-z@.]+", " ", text.lower()).replace(".", " ").split())


@functools.cache
def name_key(text: str) -> str:
    words = fold(text).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return " ".join(words)


def org_key(text: str) -> str:
    """Organisations compare like names: SPEC lists them together, titles dropped; an
    apostrophe is dropped too ("St Mary's" and "St Marys" are one practice)."""
    return name_key(re.sub("['\u2018\u2019]", "", text))


@functools.cache
def slots(text: str) -> frozenset[tuple[str, str]]:
    """The half days a cell allows: blank = any; a day alone = both halves."""
    if not text.strip():
        return frozenset((d, h) for d in DAYS + ["Sat", "Sun"] for h in ("am", "pm"))
    found: set[tuple[str, str]] = set()
    for part in text.split(","):
        words = part.split()
        day = words[0][:3].title()
        halves = [words[1].lower()] if len(words) > 1 else ["am", "pm"]
        found.update((day, h) for h in halves)
    return frozenset(found)


@dataclass
class Person:
    name: str
    email: str
    side: str  # "primary" (GP) or "secondary" (Consultant)
    organisation: str = ""
    specialty: str = ""
    cluster: str = ""
    registered: str = ""
    host: str = ""
    visit: str = ""
    preferences: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    capacity: int = 1
    status: str = ""

    @property
    def active(self) -> bool:
        return self.status.strip().lower() not in {"withdrawn", "dropped out", "inactive"}

    def names(self, text: str) -> bool:
        """Whether ``text`` (from someone's preference or avoid cell) names this person."""
        return text.strip().lower() == self.email.lower() or name_key(text) == name_key(self.name)

    @functools.cached_property
    def identity(self) -> frozenset[str]:
        """What may name this person: the e-mail, or the name without titles."""
        return frozenset({"mail:" + self.email.lower(), "name:" + name_key(self.name)})

    @functools.cached_property
    def avoided(self) -> frozenset[str]:
        """Everyone this person's avoid cell could name, in the form of ``identity``
        (read once: fill ``avoid`` before asking)."""
        return frozenset(k for t in self.avoid
                         for k in ("mail:" + t.strip().lower(), "name:" + name_key(t)))

    def row(self) -> dict[str, str]:
        prefs = self.preferences + [""] * (3 - len(self.preferences))
        return {"Name": self.name, "Email": self.email,
                "Profession": "GP" if self.side == "primary" else "Consultant",
                "Organisation": self.organisation, "Specialty": self.specialty,
                "Cluster": self.cluster, "Registered practice": self.registered,
                "Host days": self.host, "Visit days": self.visit, "Preference 1": prefs[0],
                "Preference 2": prefs[1], "Preference 3": prefs[2],
                "Avoid": "; ".join(self.avoid), "Capacity": str(self.capacity),
                "Status": self.status}


def eligible(a: Person, b: Person) -> bool:
    """SPEC rules 1–5, in SPEC's words."""
    if a.side == b.side or not a.active or not b.active:
        return False
    if org_key(a.organisation) and org_key(a.organisation) == org_key(b.organisation):
        return False
    if (org_key(a.registered) and org_key(a.registered) == org_key(b.organisation)) or \
            (org_key(b.registered) and org_key(b.registered) == org_key(a.organisation)):
        return False
    if a.avoided & b.identity or b.avoided & a.identity:
        return False
    return bool(slots(a.host) & slots(b.visit)) and bool(slots(b.host) & slots(a.visit))


def pref(x: Person, y: Person) -> int:
    """x's k-th preference names y in person: 6/4/2; y's specialty or organisation: 3/2/1;
    the best match counts."""
    best = 0
    for k, text in enumerate(x.preferences):
        if not text.strip():
            continue
        if y.names(text):
            best = max(best, PERSON_WEIGHT[k])
        elif fold(text) == fold(y.specialty) != "" or \
                org_key(text) == org_key(y.organisation) != "":
            best = max(best, TOPIC_WEIGHT[k])
    return best


def score(a: Person, b: Person) -> int:
    same_cluster = bool(a.cluster.strip()) and fold(a.cluster) == fold(b.cluster)
    return pref(a, b) + pref(b, a) + (CLUSTER_WEIGHT if same_cluster else 0)


@dataclass
class Case:
    people: list[Person]
    locks: list[tuple[str, str]] = field(default_factory=list)  # e-mails, (primary, secondary)
    kept: list[tuple[str, str]] = field(default_factory=list)

    def write(self, path: Path) -> Path:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, COLUMNS)
            writer.writeheader()
            writer.writerows(p.row() for p in self.people)
        return path


def best(case: Case) -> tuple[int, int]:
    """(pairs, total score) of the optimum: fixed pairs (kept, locked) plus the two-stage
    integer programme over everyone's remaining places."""
    by_email = {p.email: p for p in case.people}
    used: dict[str, int] = {}
    fixed = set()
    total_pairs = total_score = 0
    for a_email, b_email in case.kept + case.locks:
        a, b = by_email[a_email], by_email[b_email]
        fixed.add((a_email, b_email))
        used[a_email] = used.get(a_email, 0) + 1
        used[b_email] = used.get(b_email, 0) + 1
        total_pairs += 1
        total_score += score(a, b)
    left = [p for p in case.people if p.side == "primary" and p.active]
    right = [p for p in case.people if p.side == "secondary" and p.active]
    arcs = [(i, j, score(a, b)) for i, a in enumerate(left) for j, b in enumerate(right)
            if eligible(a, b) and (a.email, b.email) not in fixed]
    if not arcs:
        return total_pairs, total_score
    places_left = [p.capacity - used.get(p.email, 0) for p in left]
    places_right = [p.capacity - used.get(p.email, 0) for p in right]
    if len(arcs) > 20_000 and max(places_left + places_right) <= 1:
        return _hungarian(arcs, len(left), len(right), total_pairs, total_score)
    n = len(arcs)
    rows_i = np.array([i for i, _, _ in arcs])
    rows_j = np.array([len(left) + j for _, j, _ in arcs])
    a_matrix = coo_matrix((np.ones(2 * n), (np.concatenate([rows_i, rows_j]),
                                            np.concatenate([np.arange(n), np.arange(n)]))),
                          shape=(len(left) + len(right), n)).tocsr()
    places = np.array([max(0, p.capacity - used.get(p.email, 0)) for p in left + right], float)
    capacity = LinearConstraint(a_matrix, -np.inf, places)
    ones = np.ones(n)
    stage1 = milp(-ones, constraints=[capacity], integrality=ones, bounds=Bounds(0, 1))
    assert stage1.status == 0, stage1.message
    count = round(-stage1.fun)
    values = np.array([s for _, _, s in arcs], float)
    stage2 = milp(-values, integrality=ones, bounds=Bounds(0, 1),
                  constraints=[capacity, LinearConstraint(ones[None, :], count, count)])
    assert stage2.status == 0, stage2.message
    return total_pairs + count, total_score + round(-stage2.fun)


def _hungarian(arcs: list[tuple[int, int, int]], n_left: int, n_right: int, pairs: int,
               total: int) -> tuple[int, int]:
    """One place each: an assignment maximising (a pair is worth more than any score) +
    score, by the Hungarian method — for rosters too large for the integer programme."""
    big = 1 + 2 * sum(s for _, _, s in arcs)
    weight = np.zeros((n_left, n_right))
    for i, j, s in arcs:
        weight[i, j] = big + s
    rows, cols = linear_sum_assignment(weight, maximize=True)
    chosen = weight[rows, cols]
    count = int((chosen > 0).sum())
    return pairs + count, total + int(round(chosen.sum())) - big * count


def _names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """Distinct fictional (first, last) names; a middle initial when the pool runs short."""
    pool = [(f, s) for f in FIRST for s in LAST]
    if count > len(pool):
        pool += [(f"{f} {m}", s) for f in FIRST for m in "BCDFGHJKLMNPRSTVW" for s in LAST]
    return rng.sample(pool, count)


def _email(first: str, last: str) -> str:
    domain = "nhs.net" if (len(first) + len(last)) % 2 else "example.org"
    return f"{first.lower().replace(' ', '.')}.{last.lower()}@{domain}"


def _days(rng: random.Random) -> str:
    if rng.random() < 0.4:
        return ""
    picks = rng.sample(DAYS, rng.randint(1, 2))
    return ", ".join(d + rng.choice(["", " am", " pm"]) for d in picks)


def generate(seed: int, max_side: int = 7, style: str = "mixed") -> Case:
    """A roster of fictional people typed as an administrator might, with some of:
    capacities 1–3, titles and case changes, dense exclusions, heavy preferences, no
    preferences at all, withdrawals, locks and kept pairs."""
    rng = random.Random(seed)
    names = _names(rng, 2 * max_side + 2)
    people: list[Person] = []
    for side, count in (("primary", rng.randint(1, max_side)),
                        ("secondary", rng.randint(1, max_side))):
        for _ in range(count):
            first, last = names.pop()
            title = rng.choice(["", "", "Dr ", "Prof "] if side == "secondary" else ["Dr "])
            pool = PRACTICES if side == "primary" else HOSPITALS
            organisation = rng.choice(pool)
            if rng.random() < 0.3:
                # typed loosely, and every other time with a title ("Dr Harbourside Surgery")
                title = "DR. " if len(people) % 2 else ""
                organisation = "  " + title + organisation.upper().replace(" ", "  ") + " "
            people.append(Person(
                name=f"{title}{first} {last}", email=_email(first, last), side=side,
                organisation=organisation,
                specialty=rng.choice(SPECIALTIES) if side == "secondary" else "",
                cluster=rng.choice(CLUSTERS),
                registered=rng.choice(PRACTICES + ["", "", ""]) if rng.random() < 0.4 else "",
                host=_days(rng), visit=_days(rng), capacity=rng.choice([1, 1, 1, 2, 3]),
                status="withdrawn" if rng.random() < 0.08 else ""))
    primary = [p for p in people if p.side == "primary"]
    secondary = [p for p in people if p.side == "secondary"]
    for person in people:
        others = secondary if person.side == "primary" else primary
        if style != "zero":
            heavy = style == "heavy" or rng.random() < 0.5
            for _ in range(3 if heavy else rng.randint(0, 3)):
                kind = rng.random()
                if kind < 0.5:
                    other = rng.choice(others)
                    bare = other.name.split(" ", 1)[1] if other.name.startswith(("Dr ", "Prof ")) \
                        else other.name
                    person.preferences.append(rng.choice([other.name, other.email,
                                                          bare.upper(), f"Mrs {bare}"]))
                elif kind < 0.75:
                    person.preferences.append(rng.choice(SPECIALTIES).lower())
                elif kind < 0.9:
                    person.preferences.append(rng.choice(PRACTICES + HOSPITALS))
                else:
                    person.preferences.append("no preference")
        density = 0.6 if style == "dense" else 0.12
        for other in others:
            if rng.random() < density:
                person.avoid.append(rng.choice([other.email, other.name]))
    if style == "zero":
        for person in people:
            person.cluster = ""
    case = Case(people)
    # Locks and kept pairs among eligible pairs, within capacity.
    places = {p.email: p.capacity for p in people}
    options = [(a, b) for a in primary for b in secondary if eligible(a, b)]
    rng.shuffle(options)
    for a, b in options[:rng.choice([0, 0, 1, 2])]:
        if places[a.email] and places[b.email]:
            places[a.email] -= 1
            places[b.email] -= 1
            (case.locks if rng.random() < 0.5 else case.kept).append((a.email, b.email))
    return case


def one_partner_family(seed: int, gps: int = 30, picky: int = 6) -> Case:
    """Adversarial for pricing. Each picky consultant can pair with exactly one GP (every
    other GP is on their avoid list); that GP can pair with anyone, and their best
    candidates all tie (no preferences) or, on odd seeds, are three flexible consultants
    they prefer. Every GP can be paired, but only if each picky consultant gets their one
    GP: a pricing step that forgets the number of pairs never finds those pairs."""
    rng = random.Random(seed)
    names = _names(rng, 2 * gps)
    doctors = []
    for k in range(gps):
        first, last = names.pop()
        doctors.append(Person(f"Dr {first} {last}", _email(first, last), "primary",
                              f"Practice {k}"))
    consultants = []
    for k in range(gps):
        first, last = names.pop()
        consultants.append(Person(f"{first} {last}", _email(first, last), "secondary",
                                  f"Hospital {k}"))
    for k in range(picky):
        consultants[k].avoid = [d.email for n, d in enumerate(doctors) if n != k]
        if seed % 2:
            doctors[k].preferences = [c.name for c in rng.sample(consultants[picky:], 3)]
    people = doctors + consultants
    rng.shuffle(people)
    return Case(people)
