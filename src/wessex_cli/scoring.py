"""How good a pair is: SPEC's ``pref(a→b) + pref(b→a) + cluster(a, b)``, with the reasons.

``pair_score`` explains one pair in words; ``score_matrix`` computes every pair's score at
once with numpy for the solver. Both read the same weights, so the table a user reads and
the objective the solver maximises cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from .availability import describe
from .eligibility import EligibilityModel
from .roster import Preference, Volunteer
from .scheme import Weights
from .text import cluster_key, fold

ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}
IntMatrix = npt.NDArray[np.signedinteger[Any]]


def topic_matches(preference: Preference, chosen: Volunteer) -> bool:
    """Whether a specialty or organisation choice names ``chosen``'s specialty or
    organisation (a choice of a person never does)."""
    return bool(preference.topic) and preference.topic in (fold(chosen.specialty),
                                                           chosen.organisation_key)


def preference_score(chooser: Volunteer, chosen: Volunteer, weights: Weights) -> tuple[int, str]:
    """``pref(chooser→chosen)``: the best of the chooser's matching choices, and why."""
    best, why = 0, ""
    for preference in chooser.preferences:
        index = preference.rank - 1
        if preference.person is not None:
            if preference.person == chosen.key:
                value = weights.person[index]
                text = f"{chosen.name} was {chooser.name}'s {ORDINAL[preference.rank]} choice"
            else:
                continue
        elif topic_matches(preference, chosen):
            value = weights.topic[index]
            text = (f"{preference.text} was {chooser.name}'s {ORDINAL[preference.rank]} "
                    "choice")
        else:
            continue
        if value > best:
            best, why = value, text
    return best, why


def cluster_score(a: Volunteer, b: Volunteer, weights: Weights) -> int:
    """``cluster(a, b)``: the cluster weight when both have the same cluster, else 0."""
    same = bool(cluster_key(a.cluster)) and cluster_key(a.cluster) == cluster_key(b.cluster)
    return weights.cluster if same else 0


def new_organisation_score(visitor: Volunteer, host: Volunteer, weights: Weights) -> int:
    """Year two: the weight when ``visitor`` has a history and has not visited ``host``'s
    organisation before (nothing for people without a history, so new volunteers are
    neither helped nor held back)."""
    if weights.new_organisation and visitor.visited and host.organisation_key and \
            host.organisation_key not in visitor.visited:
        return weights.new_organisation
    return 0


def pair_score(a: Volunteer, b: Volunteer, weights: Weights) -> tuple[int, list[str]]:
    """A pair's score and its reasons in plain English."""
    ab, why_ab = preference_score(a, b, weights)
    ba, why_ba = preference_score(b, a, weights)
    cluster = cluster_score(a, b, weights)
    new_ab, new_ba = new_organisation_score(a, b, weights), new_organisation_score(b, a, weights)
    reasons = [r for r in (why_ab, why_ba) if r]
    if cluster:
        reasons.append(f"same cluster ({a.cluster})")
    for visitor, host, bonus in ((a, b, new_ab), (b, a, new_ba)):
        if bonus:
            reasons.append(f"{visitor.name} has not visited {host.organisation} before")
    if not reasons:
        reasons.append("no preference between them: an eligible partner among equally good "
                       "choices")
    reasons.append(f"{a.name} can host on {describe(a.host_slots & b.visit_slots)}; "
                   f"{b.name} can host on {describe(b.host_slots & a.visit_slots)}")
    return ab + ba + cluster + new_ab + new_ba, reasons


def score_matrix(model: EligibilityModel, weights: Weights) -> IntMatrix:
    """Scores of every (left, right) pair, eligible or not (the solver masks the rest), in
    the smallest integer type that holds the largest possible score (int16 by default)."""
    left, right = model.left, model.right
    highest = (2 * max(*weights.person, *weights.topic) + weights.cluster
               + 2 * weights.new_organisation)
    dtype = np.int16 if highest <= np.iinfo(np.int16).max else np.int64
    scores = _preferences(left.people, right.people, model, weights, dtype, transpose=False)
    chosen_by_right = _preferences(right.people, left.people, model, weights, dtype,
                                   transpose=True)
    # The cluster term and the right side's choices, added block by block, so that the
    # blocks and their scratch arrays stay in the processor's cache.
    step = max(1, (1 << 18) // max(1, len(right)))
    same = np.empty((min(step, len(left)), len(right)), dtype=bool)
    bonus = np.empty(same.shape, dtype=dtype)
    for start in range(0, len(left), step):
        rows = slice(start, min(start + step, len(left)))
        block = scores[rows]
        block += chosen_by_right[rows]
        if weights.cluster:
            here = same[:block.shape[0]]
            cluster = left.cluster[rows, None]
            np.equal(cluster, right.cluster[None, :], out=here)
            here &= cluster >= 0
            block += np.multiply(here, dtype(weights.cluster), out=bonus[:block.shape[0]])
    del chosen_by_right
    if weights.new_organisation:
        _add_new_organisations(scores, model, weights.new_organisation)
    return scores


def _add_new_organisations(scores: IntMatrix, model: EligibilityModel, weight: int) -> None:
    """``new_organisation_score`` for every pair: only people with a history take part."""
    codes = model.vocab.codes
    left, right = model.left, model.right
    for i, person in enumerate(left.people):
        if person.visited:
            seen = [codes[k] for k in person.visited if k in codes]
            new = ~np.isin(right.organisation, seen) & (right.organisation >= 0)
            scores[i, new] += weight
    for j, person in enumerate(right.people):
        if person.visited:
            seen = [codes[k] for k in person.visited if k in codes]
            new = ~np.isin(left.organisation, seen) & (left.organisation >= 0)
            scores[new, j] += weight


def _preferences(choosers: Sequence[Volunteer], candidates: Sequence[Volunteer],
                 model: EligibilityModel, weights: Weights, dtype: type[np.signedinteger[Any]],
                 transpose: bool) -> IntMatrix:
    """``pref(chooser→candidate)`` for every (left, right) pair; the best matching choice
    counts. With ``transpose`` the choosers are the right side (columns)."""
    n_choosers, n_candidates = len(choosers), len(candidates)
    shape = (n_candidates, n_choosers) if transpose else (n_choosers, n_candidates)
    best = np.zeros(shape, dtype=dtype)
    index_of = {p.key: j for j, p in enumerate(candidates)}
    arrays = model.right if not transpose else model.left
    codes = model.vocab.codes
    for rank in (1, 2, 3):
        person_rows, person_cols = [], []
        topic_rows, topic_codes = [], []
        for i, chooser in enumerate(choosers):
            for preference in chooser.preferences:
                if preference.rank != rank:
                    continue
                if preference.person is not None and preference.person in index_of:
                    person_rows.append(i)
                    person_cols.append(index_of[preference.person])
                elif preference.topic and preference.topic in codes:
                    topic_rows.append(i)
                    topic_codes.append(codes[preference.topic])
        if person_rows:
            rows, cols = np.array(person_rows), np.array(person_cols)
            if transpose:
                rows, cols = cols, rows
            best[rows, cols] = np.maximum(best[rows, cols], dtype(weights.person[rank - 1]))
        weight = dtype(weights.topic[rank - 1])
        by_topic: dict[int, list[int]] = {}
        for row, code in zip(topic_rows, topic_codes, strict=True):
            by_topic.setdefault(code, []).append(row)
        for code, rows_list in by_topic.items():  # few topics, so few small updates
            cols = np.flatnonzero((arrays.specialty == code) | (arrays.organisation == code))
            if len(cols):
                block = np.ix_(cols, np.array(rows_list)) if transpose else \
                    np.ix_(np.array(rows_list), cols)
                best[block] = np.maximum(best[block], weight)
    return best
