"""``wessex pair``'s core: locks, kept pairs, the optimal pairs, and a reason for everyone.

``pair_volunteers`` takes a roster and returns a ``PairingResult``: the pairs (each with
its score and plain-English reasons), the people left unpaired (each with the reason), and
the summary figures. It prints nothing and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import PairingError
from .model import AGREEMENT_ENDED, PairRecord, Person, pair_number
from .roster import Roster, Volunteer, partner_withdrawn
from .scheme import Scheme
from .text import and_list, did_you_mean, first_capital, person_key, plural

if TYPE_CHECKING:  # numpy, the rules and the solver load only when pairing runs, so that
    # the tracking commands, which read this module's records, stay light
    import numpy as np

    from .check import LeftOut
    from .eligibility import EligibilityModel
    from .rules import Rule


LOCKED_REASON = "locked as agreed"  # the first reason of a locked pair, kept with it


# How paired of a pair kept that wessex never wrote on the Pairs sheet (typed in there by
# hand): not "kept", so that 'render --new' introduces it, once; the next re-pairing says "kept"
ADDED_BY_HAND = "added by hand"

# every value wessex writes in a How paired cell: any other (a typo, a note) it cannot read
HOW_PAIRED = ("optimised", "kept", "locked", ADDED_BY_HAND)


@dataclass(frozen=True)
class Pair:
    """Two volunteers paired: ``a`` from the first side (primary), ``b`` from the second."""

    a: Volunteer
    b: Volunteer
    score: int
    reasons: tuple[str, ...]
    how: str = "optimised"  # "optimised", "locked", "kept" or ADDED_BY_HAND
    pair_id: str = ""
    # typed in by hand, now or before (``PairRecord.hand_recorded``): the administrator
    # chose the two, whatever How paired says once kept
    by_hand: bool = False

    @property
    def carried(self) -> bool:
        """Whether the pair was on the Pairs sheet before this run, kept with its row."""
        return self.how in ("kept", ADDED_BY_HAND)

    def person_json(self, person: Volunteer) -> dict[str, str]:
        """One person of the pair as ``--json`` shows them."""
        return {"name": person.name, "email": person.email, "side": person.side,
                "profession": person.profession, "organisation": person.organisation}

    def record(self) -> PairRecord:
        """The pair as the record holds it from now on, the same class the pairs workbook
        reads back, so documents can be written straight from a pairing. Its visits are
        owed: what the administrator typed in a kept pair's row stays in that row, which
        ``pair --keep`` leaves in place (``record.carry_pairing``). How it was paired and
        its reasons are the cells the workbook gets, so that a letter written straight from
        a pairing says what one written from the workbook does (a locked pair as agreed)."""
        from .pairs_workbook import pair_agreed

        return PairRecord(self.pair_id, Person.of(self.a), Person.of(self.b),
                          values={"Reasons": "; ".join(self.reasons), "How paired": self.how},
                          agreed_recorded=pair_agreed(self) and self.how not in AGREEMENT_ENDED,
                          hand_recorded=self.by_hand)


@dataclass(frozen=True)
class Unpaired:
    """Someone left without a partner (or with places unfilled), and the reason why."""

    person: Volunteer
    reason: str
    places: int = 1  # places left unfilled (capacity minus partners found)


# Said after the share of paired people with a preference met and the total score when pairs
# are held as they stand ('pair --keep --skip-errors'): their preferences are not known to this
# run, so neither counts them. The terminal and the Summary sheet say it in these words.
HELD_LEFT_OUT = "(the pairs held as they stand left out)"


@dataclass
class PairingResult:
    """Everything ``wessex pair`` decided: the pairs, the unpaired with reasons, and the
    figures of its summary."""

    pairs: list[Pair]
    unpaired: list[Unpaired]
    volunteers: int
    active: int
    upper_bound: int
    seed: int
    scheme: Scheme
    dropped: list[PairRecord] = field(default_factory=list)  # kept pairs that could not stay
    # Partner-cell locks let go, and kept pairs found under a new address: each said
    released: list[str] = field(default_factory=list)
    dropped_why: dict[str, str] = field(default_factory=dict)  # dropped_key -> who, and why
    held: list[PairRecord] = field(default_factory=list)  # kept as they stand: a row error
    extra_columns: list[str] = field(default_factory=list)  # the roster's own, to carry
    # dropped pairs one of whose people is in the volunteer workbook no more (a row deleted),
    # by dropped_key
    gone_from_roster: set[str] = field(default_factory=set)
    # held pairs with a half day done whose two people the volunteer workbook now puts on
    # one side, by ID: who, and which cell says so (the rest of ``held`` are held for a row
    # error)
    side_changed: dict[str, str] = field(default_factory=dict)
    # the people 'pair --skip-errors' left out for an error in their row and in no pair held
    # as it stands: on the Unpaired sheet with the unpaired, and counted with them
    left_out: list[LeftOut] = field(default_factory=list)

    @property
    def score(self) -> int:
        """The total score of the pairs: what the solver maximised second."""
        return sum(p.score for p in self.pairs)

    @property
    def paired_people(self) -> int:
        """People with at least one partner (a person with two counts once)."""
        return len({key for p in self.pairs for key in (p.a.key, p.b.key)} |
                   {key for h in self.held for key in (h.a.key, h.b.key)})

    @property
    def preference_met(self) -> int:
        """People with at least one partner they (or their chosen topic) had asked for."""
        from .scoring import preference_score

        met: set[str] = set()
        for pair in self.pairs:
            if preference_score(pair.a, pair.b, self.scheme.weights)[0]:
                met.add(pair.a.key)
            if preference_score(pair.b, pair.a, self.scheme.weights)[0]:
                met.add(pair.b.key)
        return len(met)

    @property
    def with_preferences(self) -> int:
        """Paired people who had named at least one preference."""
        people = {p.a.key: p.a for p in self.pairs} | {p.b.key: p.b for p in self.pairs}
        return sum(1 for v in people.values() if v.preferences)

    def summary(self) -> dict[str, int]:
        """The headline figures, as the summary table and ``--json`` show them."""
        # someone left out for an error in their row is an active volunteer, unpaired
        return {"volunteers": self.volunteers, "active": self.active + len(self.left_out),
                "pairs": len(self.pairs) + len(self.held),  # a held pair is still a pair
                "paired": self.paired_people,
                "unpaired": len(self.unpaired) + len(self.left_out),
                "score": self.score}

    def as_json(self) -> dict[str, Any]:
        """The whole result as ``wessex pair --json`` prints it."""
        return {
            "pairs": [{"id": p.pair_id, "a": p.person_json(p.a), "b": p.person_json(p.b),
                       "score": p.score,
                       "reasons": list(p.reasons)} for p in self.pairs],
            "unpaired": [{"name": u.person.name, "email": u.person.email,
                          "side": u.person.side, "reason": u.reason} for u in self.unpaired] +
                        [{"name": p.name, "email": p.email, "side": p.side,
                          "reason": p.unpaired_reason} for p in self.left_out],
            "held": [{"id": p.pair_id, "a": p.a.email, "b": p.b.email} for p in self.held],
            "summary": self.summary(),
        }


def readdressed(roster: Roster, keep: Sequence[PairRecord]) -> dict[str, Volunteer]:
    """Kept people whose e-mail the volunteer workbook no longer has, by their old e-mail
    key, found by a name that one volunteer alone has, and under an address no kept pair
    uses: a corrected address is the same person (as ``--history`` takes it), not a
    withdrawal that would move the pair, visits and all, to the Withdrawn sheet."""
    by_key = roster.by_key()
    in_keep = {p.key for kept in keep for p in (kept.a, kept.b)}
    found: dict[str, Volunteer] = {}
    for kept in keep:
        for person in (kept.a, kept.b):
            if not person.key or person.key in by_key or not person.name or "@" in person.name:
                continue
            same = roster.find(person.name)  # by name, titles, case and accents aside
            if len(same) == 1 and same[0].key not in in_keep:
                found[person.key] = same[0]
    return found


def parse_lock(text: str) -> tuple[str, str]:
    """``"A=B"`` (names or e-mails) into its two halves."""
    left, sep, right = text.partition("=")
    if not sep or not left.strip() or not right.strip():
        raise PairingError(f"--lock '{text}' is not of the form \"A=B\".",
                           'Write it as --lock "Dr Amelia Ashworth=oliver.pemberton@nhs.net".')
    return left.strip(), right.strip()


def _lookup(roster: Roster, text: str, where: str) -> Volunteer:
    found = roster.named(text)  # a surname alone too, as visit and withdraw take one
    if not found:
        hint = did_you_mean(text, [v.name for v in roster.volunteers])
        raise PairingError(f"{where} names '{text}', who is not in the volunteer list.",
                           hint + "Use the name or e-mail as in the workbook.", file=roster.path)
    if len(found) > 1:
        names = ", ".join(f"{v.name} <{v.email}>" for v in found)
        raise PairingError(f"{where}: '{text}' could be any of {names}.",
                           "Use the e-mail address instead.", file=roster.path)
    return found[0]


def pair_volunteers(roster: Roster, scheme: Scheme, locks: Sequence[str] = (),
                    keep: Sequence[PairRecord] = (), seed: int | None = None,
                    retired_ids: Sequence[str] = (),
                    apart: Sequence[tuple[str, str]] = (),
                    held: Collection[str] = (), added: Collection[int] = ()
                    ) -> PairingResult:
    """The best pairs for ``roster`` under SPEC's rules and objective.

    ``retired_ids`` (pairs on the Withdrawn sheet) are never given to a new pair; the
    e-mail keys in ``apart`` (a pair one of whom withdrew from it alone) are never paired
    again. A Partner cell naming someone no longer active is released, not an error.
    ``held``: the e-mail keys of people left out for an error in their row (``pair
    --skip-errors``). A kept pair with one of them is held as it stands, neither dropped nor
    scored again, and its other person is not paired anew: a typo never dissolves a pair.
    ``added``: the rows of kept pairs typed in by hand (``pairs_workbook.added_by_hand``),
    kept as ``ADDED_BY_HAND``.
    """
    import numpy as np

    from .eligibility import EligibilityModel
    from .rules import rules_broken
    from .scoring import pair_score, score_matrix

    if roster.errors:
        first = roster.errors[0]
        raise PairingError(
            f"the volunteer workbook has {plural(len(roster.errors), 'error')}, the first at "
            f"{first.cell}: {first.text}",
            f"Fix them first: 'wessex check {roster.path.name}' lists them all.",
            file=roster.path)
    seed = scheme.seed if seed is None else seed
    first_side, second_side = scheme.side_keys
    by_key = roster.by_key()
    weights = scheme.weights
    used: Counter[str] = Counter()
    fixed: list[Pair] = []
    dropped: list[PairRecord] = []
    dropped_why: dict[str, str] = {}
    gone: set[str] = set()
    taken: set[frozenset[str]] = set()

    def orient(x: Volunteer, y: Volunteer) -> tuple[Volunteer, Volunteer]:
        return (x, y) if x.side == first_side else (y, x)

    holding: list[PairRecord] = []
    # people of held pairs left out for an error in their row: still active volunteers
    held_out: set[str] = set()
    side_changed: dict[str, str] = {}
    kept_notes: list[str] = []
    emptied: set[frozenset[str]] = set()  # kept pairs whose Reasons cell was emptied
    moved = readdressed(roster, keep)
    for kept in keep:
        x = by_key.get(kept.a.key) or moved.get(kept.a.key)
        y = by_key.get(kept.b.key) or moved.get(kept.b.key)
        for was, now in ((kept.a, x), (kept.b, y)):
            if now is not None and now.key != was.key:
                kept_notes.append(
                    f"Pair {kept.pair_id}: {now.name}'s e-mail is {now.email} in the volunteer "
                    f"workbook, {was.email} in the pairs workbook; taken to be the same person "
                    "by name, so the pair is kept with its visits and the new address.")
        if held and held_in(kept, held):
            partners = [v for v in (x, y) if v is not None]
            idle = [v for v in partners if not v.active]
            if not idle:  # the other is still in: hold the pair until the row is fixed
                holding.append(kept)
                held_out.update(was.key for was, now in ((kept.a, x), (kept.b, y))
                                if now is None)
                used.update(v.key for v in partners)
                continue
            dropped.append(kept)  # the other has withdrawn: that ends the pair, row or not
            dropped_why[dropped_key(kept)] = (
                f"{' and '.join(v.name for v in idle)} "
                f"{'is' if len(idle) == 1 else 'are'} no longer active "
                f"({'; '.join(v.status or 'inactive' for v in idle)})")
            continue
        if x is not None and y is not None and x.active and y.active and x.side == y.side \
                and kept.pair_id and kept.row not in added and \
                any(visit.done for visit in kept.visits):
            # a half day done, or both: a Profession or Side cell changed since undoes no
            # exchange under way or finished. The pair is held as it stands, its row and
            # visits untouched, and neither of the two is given a new partner in its place
            holding.append(kept)
            used.update((x.key, y.key))
            side_changed[kept.pair_id] = _side_now(kept, x, y, scheme, roster)
            continue
        if x is None or y is None or not x.active or not y.active or x.side == y.side:
            dropped.append(kept)  # someone withdrew, left the list, or changed side
            dropped_why[dropped_key(kept)] = _why_dropped(kept, x, y, scheme, roster)
            if x is None or y is None:
                gone.add(dropped_key(kept))
            continue
        # the row's own order, A and B as they stand: the visit cells beside them ("A hosts
        # B: done") keep their meaning, even when the two have swapped sides since, or a pair
        # typed in by hand put the other side first
        a, b = x, y
        score, reasons = pair_score(a, b, weights)
        # How paired says "kept" (it is not a new pair: no introduction goes again) unless
        # wessex never wrote it, and a pair first locked as agreed keeps saying so in its
        # reasons, run after run (the Settings sheet records it, should the cells have been
        # typed over or emptied since). The Reasons and How paired of a pair typed in by hand
        # are not wessex's: copied with the row above, they would make it a pair agreed in
        # advance, which only a lock makes it (below)
        how = ADDED_BY_HAND if kept.row in added else "kept"
        if how == "kept" and (
                kept.agreed_recorded or kept.how_paired() == "locked" or
                str(kept.value("Reasons") or "").startswith(LOCKED_REASON)):
            reasons = [LOCKED_REASON, *reasons]
        elif how == "kept" and not str(kept.value("Reasons") or "").strip():
            emptied.add(frozenset((a.key, b.key)))  # an agreement there was emptied with it
        fixed.append(Pair(a, b, score, tuple(reasons), how, kept.pair_id,
                          by_hand=how == ADDED_BY_HAND or kept.hand_recorded))
        used.update((a.key, b.key))
        taken.add(frozenset((a.key, b.key)))
    lock_texts = [(f"--lock '{t}'", *parse_lock(t)) for t in locks]
    agreed: set[frozenset[str]] = set()  # kept pairs a lock names: agreed in advance
    released: list[str] = []
    for volunteer in roster.volunteers:
        if volunteer.partner and volunteer.active:
            partner = by_key[volunteer.partner]
            cell = roster.cell(volunteer, "partner")
            where = f"{cell} ({volunteer.name}'s Partner cell)" if cell else \
                f"the Partner cell of row {volunteer.row} ({volunteer.name})"
            if not partner.active:  # as 'check' says it
                released.append(partner_withdrawn(where, partner))
                continue
            if frozenset((volunteer.key, partner.key)) in {frozenset(p) for p in apart}:
                # one of the two left their pair alone: both are still in the scheme
                released.append(f"{first_capital(where)} names {partner.name}, but their "
                                "pair was ended (Withdrawn sheet); that lock is released.")
                continue
            lock_texts.append((where, volunteer.key, partner.key))
    for where, left_text, right_text in lock_texts:
        x, y = _lookup(roster, left_text, where), _lookup(roster, right_text, where)
        if frozenset((x.key, y.key)) in taken:
            agreed.add(frozenset((x.key, y.key)))  # a pair kept, or the lock stated twice
            continue
        broken = rules_broken(x, y)
        if broken:
            rules = "; ".join(f"rule {r.value} ({r.short})" for r in broken)
            raise PairingError(f"{where} locks {x.name} with {y.name}, but that pair breaks "
                               f"{rules}.", "Remove the lock, or fix the workbook if it is wrong.",
                               file=roster.path)
        a, b = orient(x, y)
        for person in (a, b):
            if used[person.key] >= person.capacity:
                raise PairingError(f"{where} gives {person.name} more partners than their "
                                   f"capacity ({person.capacity}).",
                                   "Raise their Capacity, or remove a lock.", file=roster.path)
        score, reasons = pair_score(a, b, weights)
        fixed.append(Pair(a, b, score, (LOCKED_REASON, *reasons), "locked"))
        used.update((a.key, b.key))
        taken.add(frozenset((a.key, b.key)))
    # a lock naming a pair typed in by hand, or a kept one whose Reasons (where "locked as
    # agreed" was) were emptied, makes it agreed in advance
    fixed = [_agreed(pair) if (pair.how == ADDED_BY_HAND or
                               frozenset((pair.a.key, pair.b.key)) in emptied) and
             frozenset((pair.a.key, pair.b.key)) in agreed else pair for pair in fixed]
    active = roster.active
    left = [v for v in active if v.side == first_side]
    right = [v for v in active if v.side == second_side]
    model = EligibilityModel(left, right)
    eligible = model.matrix()
    # Distinct eligible people on the other side, counted before fixed pairs are taken out.
    counts = {"left": np.count_nonzero(eligible, axis=1),
              "right": np.count_nonzero(eligible, axis=0)}
    left_index = {v.key: n for n, v in enumerate(left)}
    right_index = {v.key: n for n, v in enumerate(right)}
    for pair in fixed:  # the same two people are never paired twice (A on either side)
        one, other = (pair.a, pair.b) if pair.a.side == first_side else (pair.b, pair.a)
        eligible[left_index[one.key], right_index[other.key]] = False
    for x_key, y_key in apart:  # nor two people one of whom withdrew from that pair
        for i_key, j_key in ((x_key, y_key), (y_key, x_key)):
            if i_key in left_index and j_key in right_index:
                eligible[left_index[i_key], right_index[j_key]] = False
    scores = score_matrix(model, weights)
    cap_left = np.array([max(0, v.capacity - used[v.key]) for v in left], dtype=np.int64)
    cap_right = np.array([max(0, v.capacity - used[v.key]) for v in right], dtype=np.int64)
    from .solver import solve_matching

    chosen = solve_matching(eligible, scores, cap_left, cap_right, seed)
    new_pairs = []
    for i, j in chosen:
        a, b = left[i], right[j]
        score, reasons = pair_score(a, b, weights)
        assert score == int(scores[i, j]), "vectorised and explained scores must agree"
        new_pairs.append(Pair(a, b, score, tuple(reasons)))
        used.update((a.key, b.key))
    # a pair not kept keeps its ID too: its row moves to the Withdrawn sheet under it, and a
    # new pair given that ID would be written over the row, visits and notes included
    pairs = _number(fixed, new_pairs, [*retired_ids, *(k.pair_id for k in holding),
                                       *(d.pair_id for d in dropped)])
    problem = _Problem(left, right, eligible, scores, cap_left, cap_right, seed, chosen)
    unpaired = _unpaired(problem, used, model, counts, scheme, pairs, apart)
    bound = _upper_bound(scores, eligible, cap_left, cap_right) + sum(p.score for p in fixed)
    return PairingResult(pairs, unpaired, roster.rows, len(active) + len(held_out), bound,
                         seed, scheme, dropped, [*kept_notes, *released], dropped_why, holding,
                         list(roster.extra_columns), gone, side_changed)


def _agreed(pair: Pair) -> Pair:
    """A pair typed in by hand that a lock names (the Partner column, --lock), as one agreed
    in advance: its reasons say so first, as a locked pair's do."""
    from dataclasses import replace

    return pair if pair.reasons[:1] == (LOCKED_REASON,) else \
        replace(pair, reasons=(LOCKED_REASON, *pair.reasons))


def held_in(kept: PairRecord, held: Collection[str]) -> bool:
    """Whether one of a kept pair is among ``held`` (the e-mail keys and name keys of people
    left out for an error in their row): by name too, as the error may be in the address."""
    return bool({kept.a.key, kept.b.key, person_key(kept.a.name), person_key(kept.b.name)}
                & set(held) - {""})


def dropped_key(kept: PairRecord) -> str:
    """A kept pair that could not be kept, as ``dropped_why`` and ``gone_from_roster`` file
    it: its ID, or its row ("row 32") for a pair typed in by hand without one, so that two
    such rows are not taken for one."""
    return kept.pair_id or f"row {kept.row}"


def _why_dropped(kept: PairRecord, x: Volunteer | None, y: Volunteer | None,
                 scheme: Scheme, roster: Roster) -> str:
    """Who made a kept pair impossible, by name: gone from the list, not active, or now on
    the same side as their partner (naming the one whose side is not the pair's any more,
    and the cell that says so, most likely a Profession or Side cell typed over)."""
    gone = [person.name or person.email for person, found in ((kept.a, x), (kept.b, y))
            if found is None]
    if gone:
        return f"{' and '.join(gone)} {'is' if len(gone) == 1 else 'are'} no longer in the " \
               "volunteer workbook"
    assert x is not None and y is not None
    idle = [v.name for v in (x, y) if not v.active]
    if idle:
        return f"{' and '.join(idle)} {'is' if len(idle) == 1 else 'are'} no longer active " \
               f"({'; '.join(v.status or 'inactive' for v in (x, y) if not v.active)})"
    changed = _side_changed(kept, x, y)
    if changed is not None:
        now, other, was = changed
        return (f"{now.name} is now on the {scheme.side_label(now.side)} side, as {other.name} "
                f"is: {now.name}'s {_side_cell(roster, now, scheme)} in the volunteer "
                f"workbook has changed since the pairing (the {scheme.side_label(was.side)} "
                "side then)")
    return _both_on_one_side(x, y, scheme, roster)


def _side_changed(kept: PairRecord, x: Volunteer, y: Volunteer
                  ) -> tuple[Volunteer, Volunteer, Person] | None:
    """The one of a kept pair (``x`` and ``y``, as its row's A and B) whom the volunteer
    workbook now puts on another side than the row records, with their partner and the
    row's record of them; None when both changed, or the row records no side."""
    changed = [(now, other, was) for now, other, was in ((x, y, kept.a), (y, x, kept.b))
               if was.side and now.side != was.side]
    return changed[0] if len(changed) == 1 else None


def _side_now(kept: PairRecord, x: Volunteer, y: Volunteer, scheme: Scheme,
              roster: Roster) -> str:
    """Whose side the volunteer workbook now reads otherwise than the pair's row records,
    putting the two of a kept pair (``x`` and ``y``, as its row's A and B) on one side, and
    the cell it reads it from."""
    changed = _side_changed(kept, x, y)
    if changed is not None:
        now, other, was = changed
        return (f"{now.name}'s {_side_cell(roster, now, scheme)} now puts them on the "
                f"{scheme.side_label(now.side)} side, as {other.name} is, not the "
                f"{scheme.side_label(was.side)} side they were paired from")
    return _both_on_one_side(x, y, scheme, roster)


def _both_on_one_side(x: Volunteer, y: Volunteer, scheme: Scheme, roster: Roster) -> str:
    """Two of a kept pair on one side, when not just one of them moved (the row records
    no side, or records both on the side they left), with the cells that put them there."""
    return (f"{x.name} and {y.name} are now both on the {scheme.side_label(x.side)} side: "
            f"see {x.name}'s {_side_cell(roster, x, scheme)} and {y.name}'s "
            f"{_side_cell(roster, y, scheme)}")


def _side_cell(roster: Roster, person: Volunteer, scheme: Scheme) -> str:
    """The cell of the volunteer workbook that gives ``person`` their side: their Side cell
    when it says otherwise than their profession would, else their Profession cell (and the
    Side cell, when the workbook has that column, as it may say the same)."""
    profession, side = roster.cell(person, "profession"), roster.cell(person, "side")
    # each column named by its title as the workbook has it ("Job title"), as in Excel
    job = roster.columns.get("profession") or "Profession"
    side_title = roster.columns.get("side") or "Side"
    if side and scheme.side_for_profession(person.profession) != person.side:
        return f"{side_title} cell ({side})"
    if side:
        return f"{job} cell ({profession}), or their {side_title} cell ({side}),"
    return f"{job} cell ({profession})"


def after_dropped(result: PairingResult, dropped: PairRecord, undo: str = "") -> str:
    """What became of the people of a kept pair that could not be kept: each one still in the
    scheme is in a new pair, named, or unpaired; for someone gone from the volunteer
    workbook, how to undo a row deleted there by mistake (``undo``: the way back to the
    pairs workbook the run changed, "copy backups/pairs-....xlsx back over pairs.xlsx")."""
    said = []
    for key in (person.key for person in (dropped.a, dropped.b) if person.key):
        paired = next((f"{me.name} is now paired with {other.name} ({pair.pair_id})"
                       for pair in result.pairs
                       for me, other in ((pair.a, pair.b), (pair.b, pair.a)) if me.key == key),
                      None)
        unpaired = next((f"{u.person.name} is unpaired" for u in result.unpaired
                         if u.person.key == key), None)
        if outcome := paired or unpaired:  # someone withdrawn or gone is in neither
            said.append(outcome)
    restore = f", {undo}" if undo else ""
    undo = (" If a row was deleted from the volunteer workbook by mistake, or was never there "
            f"(a pair typed in by hand), put it back or add it{restore} and pair with --keep "
            "again.") if dropped_key(dropped) in result.gone_from_roster else ""
    return ("; ".join(said) + "." if said else "") + undo


def _number(fixed: list[Pair], new: list[Pair], retired: Sequence[str] = ()) -> list[Pair]:
    """Kept pairs keep their IDs; the others are numbered on from the highest ID a kept or
    withdrawn pair holds, in name order. Never in a gap below it: a pair whose row was
    deleted by hand left that gap, and its ID is still in the letters and backups sent."""
    from dataclasses import replace

    taken = {p.pair_id for p in fixed if p.pair_id} | set(retired)
    numbered = [p for p in fixed if p.pair_id]
    rest = sorted([p for p in fixed if not p.pair_id] + new,
                  key=lambda p: (p.a.name.casefold(), p.b.name.casefold()))
    counter = 1 + max((n for i in taken if (n := pair_number(i)) is not None), default=0)
    for pair in rest:
        while f"P{counter:03d}" in taken:
            counter += 1
        numbered.append(replace(pair, pair_id=f"P{counter:03d}"))
        taken.add(f"P{counter:03d}")
    return sorted(numbered, key=lambda p: (len(p.pair_id), p.pair_id))


RESOLVE_ARCS = 3_000_000  # eligible pairs re-solved in all to explain the unpaired


@dataclass
class _Problem:
    """What the solver was given (fixed pairs already taken out) and what it chose."""

    left: list[Volunteer]
    right: list[Volunteer]
    eligible: np.ndarray[Any, Any]
    scores: np.ndarray[Any, Any]
    cap_left: np.ndarray[Any, Any]
    cap_right: np.ndarray[Any, Any]
    seed: int
    chosen: list[tuple[int, int]]

    def score(self, chosen: list[tuple[int, int]]) -> int:
        return sum(int(self.scores[i, j]) for i, j in chosen)

    def forced(self, which: str, index: int) -> list[tuple[int, int]] | None:
        """The best pairs in which this person has one partner more than now, among those
        with the most pairs, keeping most of the pairs made now; None when no arrangement
        gives them one more."""
        import numpy as np

        from .solver import solve_matching

        cap_left, cap_right = self.cap_left.copy(), self.cap_right.copy()
        most = int(min(cap_left.sum(), cap_right.sum()))  # pairs in any arrangement, at most
        # Every score made worth more than all the pairs made now together, plus one for
        # each of them: among arrangements equally good, the one keeping the most pairs as
        # they are. Else a tie could be re-solved into any equal arrangement, one pairing
        # someone else left over too and so naming two people left unpaired where one would do.
        scale = _keeping_scale(len(self.chosen), most, int(self.scores.max(initial=0)))
        scores = self.scores.astype(np.int64) * scale
        if scale > 1:
            for i, j in self.chosen:
                scores[i, j] += 1
        # A bonus above any total score on each of their pairs: among the arrangements with
        # the most pairs, the solver then gives them as many partners as it can.
        bonus = most * int(scores.max(initial=0)) + 1
        side = 0 if which == "left" else 1
        now = sum(1 for pair in self.chosen if pair[side] == index)
        if which == "left":
            cap_left[index] = now + 1
            scores[index, :] += bonus
        else:
            cap_right[index] = now + 1
            scores[:, index] += bonus
        found = solve_matching(self.eligible, scores, cap_left, cap_right, self.seed)
        if len(found) < len(self.chosen) or \
                sum(1 for pair in found if pair[side] == index) <= now:
            return None
        return found


KEEPING_LIMIT = 1 << 40  # the largest score a re-solve gives a pair (``_keeping_scale``)


def _keeping_scale(pairs_now: int, most: int, top: int) -> int:
    """What each score of a re-solve is multiplied by so that one more of the ``pairs_now``
    pairs kept as they are weighs less than any difference of score (``_Problem.forced``):
    1, no such preference, when the scores would then pass :data:`KEEPING_LIMIT`, far inside
    the solver's arithmetic (the flow scales costs by its number of nodes, and a scheme's
    weights may be as large as a million). The plain re-solve's sentence is as true."""
    scale = pairs_now + 1
    return scale if (top * scale + 1) * max(most, 1) <= KEEPING_LIMIT else 1


def _unpaired(problem: _Problem, used: Counter[str], model: EligibilityModel,
              counts: dict[str, np.ndarray[Any, Any]], scheme: Scheme,
              pairs: list[Pair], apart: Sequence[tuple[str, str]] = ()) -> list[Unpaired]:
    """Everyone with a place unfilled, each with a reason made of facts about this result.
    ``apart``: the pairs one of whom left the pair (``pair_volunteers``), never paired again."""
    import numpy as np

    from .rules import rules_broken

    first, second = scheme.side_keys
    left, right = problem.left, problem.right
    places = {first: sum(v.capacity for v in left), second: sum(v.capacity for v in right)}
    partners: dict[str, set[str]] = {}
    for pair in pairs:
        partners.setdefault(pair.a.key, set()).add(pair.b.key)
        partners.setdefault(pair.b.key, set()).add(pair.a.key)
    # who each person was kept apart from: counted among their eligible partners (the rules
    # allow the pair), so a reason must say where those partners went
    people = {v.key: v for v in (*left, *right)}
    kept_apart: dict[str, set[str]] = {}
    for x_key, y_key in apart:
        x, y = people.get(x_key), people.get(y_key)
        if x is not None and y is not None and not rules_broken(x, y):
            kept_apart.setdefault(x_key, set()).add(y_key)
            kept_apart.setdefault(y_key, set()).add(x_key)
    arcs = int(np.count_nonzero(problem.eligible))
    budget = RESOLVE_ARCS
    result = []
    for side_people, others, which in ((left, right, "left"), (right, left, "right")):
        for index, person in enumerate(side_people):
            missing = person.capacity - used[person.key]
            if missing <= 0:
                continue
            other = second if person.side == first else first
            # the sides as every output names them: their labels from scheme.toml
            own_label, other_label = scheme.side_label(person.side), scheme.side_label(other)
            total = int(counts[which][index])
            mine = partners.get(person.key, set())
            row = problem.eligible[index] if which == "left" else problem.eligible[:, index]
            open_partners = [others[k] for k in row.nonzero()[0] if others[k].key not in mine]
            if total == 0:
                rule_counts = model.exclusion_counts(which, index)
                detail = ", ".join(f"{n} by {rule.short}" for rule, n in rule_counts.items()
                                   if n)
                reason = (f"no eligible partner on the {other_label} side ({detail})" if detail
                          else f"nobody active on the {other_label} side to pair with")
            elif not open_partners:
                left_pair = len(kept_apart.get(person.key, set()) - mine)
                every = "their only eligible partner" if total == 1 else \
                    f"all {total} of their eligible partners"
                if not left_pair:
                    reason = f"{every} {'are' if total > 1 else 'is'} already paired with them"
                elif left_pair == total:
                    reason = (f"{every} {'were each' if total > 1 else 'was'} in a pair with "
                              "them that one of the two left, so they are not paired again")
                else:
                    paired, were = total - left_pair, "were each" if left_pair > 1 else "was"
                    reason = (f"of their {total} eligible partners, {paired} "
                              f"{'are' if paired > 1 else 'is'} already paired with them, and "
                              f"{left_pair} {were} in a pair with them that one of the two "
                              "left, so they are not paired again")
            else:
                count = len(open_partners)
                if all(used[q.key] >= q.capacity for q in open_partners):
                    reason = (f"all {count} eligible partners already have as many partners "
                              "as they can take" if count > 1 else "their 1 eligible partner "
                              "already has as many partners as they can take")
                else:  # cannot happen in an optimum with the most pairs; said plainly if it did
                    reason = f"{plural(count, 'eligible partner')} not paired with them"
                if budget >= arcs:
                    budget -= arcs
                    cost = _cost_of_pairing(problem, which, index)
                    # no re-solve frees a place: the partners are held by kept or locked
                    # pairs, which is where the sentence above ends, not a second reason
                    reason += f"; {cost}" if cost else \
                        f", in {'a kept or locked pair' if count == 1 else 'kept or locked pairs'}"
                else:
                    reason += (f"; pairing them would cost another volunteer on the "
                               f"{own_label} side a partner, as the number of pairs cannot "
                               "grow")
            if total:  # none at all: the rule counts above say why, rule 6 among them
                reason += _earlier_partners_free(person, others, used, mine, other_label)
            if places[person.side] > places[other]:
                reason = (f"side imbalance: {plural(places[person.side], 'place')} on the "
                          f"{own_label} side for {places[other]:,} on the {other_label} side; "
                          f"{reason}")
            if missing < person.capacity:
                reason = f"{missing} of {person.capacity} places unfilled: {reason}"
            result.append(Unpaired(person, reason, missing))
    return sorted(result, key=lambda u: (u.person.side, u.person.name.casefold()))


def _earlier_partners_free(person: Volunteer, others: Sequence[Volunteer],
                           used: Counter[str], mine: set[str], other_label: str) -> str:
    """What a reason adds of the people on the other side still with a place left whom rule
    6 keeps from ``person`` (their partners of an earlier year, '--history'): "" when there
    are none, so that a reason never says a free place was there for the taking when only
    last year's partner had one."""
    from .rules import Rule

    free = [q for q in others if used[q.key] < q.capacity and q.key not in mine]
    # rule 6 as rules_broken reads it: either names the other among their earlier partners
    before = [q for q in free if q.key in person.previous or person.key in q.previous]
    if not before:
        return ""
    names, one = and_list([q.name for q in before]), len(before) == 1
    if len(before) == len(free):
        who = (f"the only volunteer on the {other_label} side with a place left, {names}, was"
               if one else f"the only volunteers on the {other_label} side with places "
               f"left, {names}, were")
    else:
        who = (f"{names}, who {'has a place' if one else 'have places'} left on the "
               f"{other_label} side, {'was' if one else 'were'}")
    return (f"; {who} their {'partner' if one else 'partners'} in an earlier scheme, and rule "
            f"{Rule.PARTNERED_BEFORE.value} never pairs the same two again")


def _cost_of_pairing(problem: _Problem, which: str, index: int) -> str:
    """What giving this person one more partner would cost, from a re-solve requiring it;
    "" when no re-solve can, their partners being held by kept or locked pairs."""
    found = problem.forced(which, index)
    if found is None:
        return ""
    side = 0 if which == "left" else 1
    own, others = (problem.left, problem.right) if side == 0 else (problem.right, problem.left)
    before: Counter[int] = Counter(pair[side] for pair in problem.chosen)
    after: Counter[int] = Counter(pair[side] for pair in found)
    new = sorted({pair[1 - side] for pair in found if pair[side] == index} -
                 {pair[1 - side] for pair in problem.chosen if pair[side] == index})
    losers = sorted((k for k in before if after[k] < before[k] and k != index),
                    key=lambda k: own[k].name.casefold())
    lost = " and ".join(own[k].name for k in losers)
    unpaired = all(after[k] == 0 for k in losers)
    leaves = f"leaves {lost} unpaired" if unpaired else f"takes a partner from {lost}"
    partner = " and ".join(others[k].name for k in new)
    drop = problem.score(problem.chosen) - (problem.score(found))
    if not losers:  # cannot happen when the pairs were the most possible; said plainly
        return f"pairing them with {partner} would change the total score by {-drop}"
    if drop > 0:  # a pairing that was not made: said as one, not as what happened
        would = f"leave {lost} unpaired" if unpaired else f"take a partner from {lost}"
        return f"at best, pairing them with {partner} would {would} and lower the total " \
            f"score by {drop}"
    return (f"pairing them with {partner} scores the same but {leaves}; the seeded "
            "tie-break decided")


def _upper_bound(scores: np.ndarray[Any, Any], eligible: np.ndarray[Any, Any],
                 cap_left: np.ndarray[Any, Any], cap_right: np.ndarray[Any, Any]) -> int:
    """No assignment scores more than half of what each person's best partners would give."""
    import numpy as np

    if scores.size == 0:
        return 0
    from .solver import BLOCK_CELLS  # blocks that stay in the processor's cache

    row_best = np.zeros(scores.shape[0], np.int64)
    col_best = np.zeros(scores.shape[1], scores.dtype)
    step = max(1, BLOCK_CELLS // scores.shape[1])
    for start in range(0, scores.shape[0], step):
        rows = slice(start, start + step)
        masked = scores[rows] * eligible[rows]  # scores are 0 or more: 0 where ineligible
        row_best[rows] = masked.max(axis=1)
        np.maximum(col_best, masked.max(axis=0), out=col_best)
    best_left = int((row_best * cap_left).sum())
    best_right = int((col_best.astype(np.int64) * cap_right).sum())
    return (best_left + best_right) // 2


WHY_NAMED = 3  # the candidates --why names for a choice of a topic; the rest are counted


@dataclass
class Explanation:
    """``--why NAME``: one person's candidates, who took their choices, who was excluded."""

    person: Volunteer
    partners: list[str]
    candidates: list[tuple[Volunteer, int, list[str]]]
    choices: list[tuple[str, str]]
    excluded: list[tuple[Volunteer, list[Rule]]]
    unpaired_reason: str = ""  # the same reason the Unpaired table gives, if they are in it
    partner_emails: list[str] = field(default_factory=list)  # beside ``partners``, in order


def explain(result: PairingResult, roster: Roster, text: str, limit: int = 10) -> Explanation:
    """One person's pairing explained: their candidates, their choices, who was excluded."""
    from .rules import rules_broken
    from .scoring import pair_score, topic_matches

    person = _lookup(roster, text, "--why")
    weights = result.scheme.weights
    others = [v for v in roster.volunteers if v.side != person.side and v.active]
    partner_of: dict[str, list[str]] = {}
    emails_of: dict[str, list[str]] = {}
    # a pair held as it stands is still their pair
    halves = [(p.a, p.b) for p in result.pairs] + [(p.a, p.b) for p in result.held]
    for first, second in halves:
        for me, them in ((first, second), (second, first)):
            partner_of.setdefault(me.key, []).append(them.name)
            emails_of.setdefault(me.key, []).append(them.email)
    candidates, excluded = [], []
    for other in others:
        broken = rules_broken(person, other)
        if broken:
            excluded.append((other, broken))
        else:
            score, reasons = pair_score(person, other, weights)
            candidates.append((other, score, reasons))
    candidates.sort(key=lambda c: (-c[1], c[0].name.casefold()))
    mine = set(emails_of.get(person.key, []))

    def where_to(other: Volunteer) -> str:
        if other.email in mine:
            return "their partner"
        taken_by = partner_of.get(other.key, [])
        return f"paired with {', '.join(taken_by)}" if taken_by else "unpaired"

    choices = []
    by_key = roster.by_key()
    for preference in person.preferences:
        if preference.person and preference.person in by_key:
            chosen = by_key[preference.person]
            taken_by = partner_of.get(chosen.key, [])
            state = (f"paired with {', '.join(taken_by)}" if taken_by else "unpaired")
            broken = rules_broken(person, chosen)
            if broken:
                state += "; not eligible: " + ", ".join(r.short for r in broken)
            choices.append((f"{preference.rank}. {chosen.name}", state))
        else:
            matching = [c[0] for c in candidates if topic_matches(preference, c[0])]
            state = (f"{plural(len(matching), 'eligible candidate')} "
                     f"match{'es' if len(matching) == 1 else ''}")
            if matching:  # who they are, best first, and where each went
                named = [f"{v.name} ({where_to(v)})" for v in matching[:WHY_NAMED]]
                more = len(matching) - WHY_NAMED
                state += ": " + ", ".join(named) + (f" and {more} more" if more > 0 else "")
            choices.append((f"{preference.rank}. {preference.text}", state))
    reason = next((u.reason for u in result.unpaired if u.person.key == person.key), "")
    return Explanation(person, partner_of.get(person.key, []), candidates[:limit], choices,
                       excluded, reason, emails_of.get(person.key, []))
