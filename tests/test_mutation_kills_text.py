"""Tests added to kill mutants of ``text`` (benchmarks/MUTATION.md): the forgiving matching
of what administrators type (SPEC, "Pairing rules": names, e-mails and organisations compare
after case-folding, trimming, collapsing spaces and punctuation, removing accents and
dropping titles), the formula guard and the single-line guard. Values worked out by hand.
"""

from __future__ import annotations

import pytest

from wessex_cli import text


def test_a_cell_is_trimmed_and_its_spaces_and_line_breaks_collapsed() -> None:
    assert text.clean_cell("  Amelia \n\t Ashworth  ") == "Amelia Ashworth"
    assert text.clean_cell("") == ""


def test_e_mails_compare_without_case_spaces_or_brackets() -> None:
    assert text.email_key("  <Amelia.Ashworth@NHS.net> ") == "amelia.ashworth@nhs.net"
    assert text.email_key("< a@example.org >") == "a@example.org"


def test_headers_match_on_letters_and_digits_only() -> None:
    assert text.header_key("E-mail Address") == "emailaddress"
    assert text.header_key("Préférence 1") == "preference1"
    assert text.header_key(" Host days (AM/PM) ") == "hostdaysampm"


@pytest.mark.parametrize("cell", ["", "-", "n/a", "N/A", "None", "nil", "No", "TBC",
                                  "not known", "NK", "unknown", "Not applicable",
                                  "no cluster"])
def test_a_blank_like_cluster_is_no_cluster(cell: str) -> None:
    """"n/a" in two rows never makes two people "the same cluster"."""
    assert text.cluster_text(cell) == ""
    assert text.cluster_key(cell) == ""


def test_a_real_cluster_is_kept_as_written_and_compared_folded() -> None:
    assert text.cluster_text("North-East ") == "North-East "
    assert text.cluster_key("North-East ") == "north east"
    assert text.cluster_key("NORTH  east") == "north east"
    assert text.cluster_text("Nordic") == "Nordic"


def test_a_slug_is_a_safe_readable_stem() -> None:
    assert text.slug("Dr Amelia Ashworth") == "amelia-ashworth"
    assert text.slug("Siân Ó'Briain-Jones") == "sian-o-briain-jones"
    assert text.slug("a@nhs.net") == "a-nhs-net"
    assert text.slug("***") == "item"
    assert text.slug("", fallback="pair") == "pair"
    # over 40 characters: cut at 33, the hyphen there dropped, and six hex digits of the
    # hash of the whole stem after it, so that two long names alike at the start differ
    long = text.slug("x" * 32 + " " + "y" * 20)
    assert long[:33] == "x" * 32 + "-" and len(long) == 39, long
    assert all(c in "0123456789abcdef" for c in long[33:])
    assert long != text.slug("x" * 32 + " " + "z" * 20)
    assert text.slug("x" * 40) == "x" * 40  # 40 itself is not cut


@pytest.mark.parametrize("value", ["=1+1", "+44 1234", "-5", "@SUM(A1)", "\tx", "\rx",
                                   "\nx", "  =1", "\uff1d1", "\uff0b1", "\uff0d1", "\uff20x"])
def test_formula_starts_are_recognised(value: str) -> None:
    """SPEC: `=`, `+`, `-`, `@`, tab, carriage return at the start (after spaces, and the
    full-width forms) make a cell a formula."""
    assert text.looks_like_formula(value)
    assert text.neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["", "Amelia", "1+1", " a=b", "'=1"])
def test_ordinary_text_is_not_a_formula(value: str) -> None:
    assert not text.looks_like_formula(value)
    assert text.neutralise_formula(value) == value


def test_a_header_value_never_carries_a_line_break() -> None:
    """SPEC: a header value can never carry a line break; controls go too."""
    assert text.one_line("Visit\r\nBcc: x@example.org") == "Visit Bcc: x@example.org"
    assert text.one_line("a\x00b\x1b[31mred\x07") == "a bred"
    assert text.one_line("  two   spaces ") == "two spaces"


def test_escape_sequences_go_whole_and_other_controls_become_spaces() -> None:
    assert text.strip_controls("\x1b[1;31mAmelia\x1b[0m") == "Amelia"
    assert text.strip_controls("\x1b]0;title\x07Name") == "Name"
    assert text.strip_controls("\x9b2JName") == "Name"
    assert text.strip_controls("a\x01b\x7fc\x85d") == "a b c d"
    assert text.strip_controls("keep\ttab\nand\rreturn") == "keep\ttab\nand\rreturn"
    assert text.strip_controls("plain") == "plain"


def test_controls_are_detected_but_tabs_and_line_breaks_are_not_controls() -> None:
    assert text.has_controls("a\x1b[31m")
    assert text.has_controls("a\x00")
    assert text.has_controls("\x9f")
    assert not text.has_controls("a\tb\nc\rd")
    assert not text.has_controls("Zoë Ó'Briain")


def test_the_address_is_taken_out_of_a_named_cell() -> None:
    assert text.address_from_cell(" Ann Lee <ann.lee@nhs.net> ") == "ann.lee@nhs.net"
    assert text.address_from_cell("<ann@nhs.net>") == "ann@nhs.net"
    assert text.address_from_cell("ann @ nhs.net") == "ann@nhs.net"
    assert text.address_from_cell("Ann <not an address>") == "Ann<notanaddress>"


def test_did_you_mean_names_the_closest_choice_only_when_close() -> None:
    choices = ["Amelia Ashworth", "Oliver Pemberton"]
    assert text.suggest("amelia ashwort", choices) == ["Amelia Ashworth"]
    assert text.did_you_mean("Amelia Ashwort", choices) == "Did you mean 'Amelia Ashworth'? "
    assert text.did_you_mean("Zebedee", choices) == ""
    assert text.suggest("", choices) == []
    assert text.suggest("x", []) == []
    assert text.suggest("oliver", ["Olive", "Oliver", "Olivia"], limit=2) == ["Oliver", "Olive"]
    assert text.suggest("Amelia", ["Amelie"], cutoff=0.9) == []


def test_an_email_key_keeps_every_letter_of_the_address() -> None:
    assert text.email_key("Xena.Ashworth@NHS.net") == "xena.ashworth@nhs.net"


def test_half_bracketed_or_odd_addresses() -> None:
    """One bracket is enough to look for the address inside; what is not an address (no
    @, or a character an address cannot hold) is given back whole, spaces removed, for the
    validator to refuse."""
    assert text.address_from_cell("<ann@nhs.net") == "ann@nhs.net"
    assert text.address_from_cell("ann@nhs.net>") == "ann@nhs.net"
    assert text.address_from_cell("Ann <ann.nhs.net>") == "Ann<ann.nhs.net>"
    assert text.address_from_cell("Xena <Xena@nhs.net>") == "Xena@nhs.net"


def test_suggestions_ignore_case_compare_whole_names_and_stop_at_the_cutoff() -> None:
    """"Did you mean" compares whole names, case aside (a fragment such as "Ash" is not
    close to "Amelia Ashworth"), offers one name unless asked for more, and a ratio of
    exactly the cutoff (60: "Ann" against "Annabel", 3 letters shared of 10) is close."""
    assert text.suggest("OLIVER", ["Oliver"], cutoff=0.9) == ["Oliver"]
    assert text.suggest("Ash", ["Amelia Ashworth"]) == []
    assert text.suggest("Olivia", ["Oliver", "Olive"]) == ["Olive"]  # 8/11 against 8/12
    assert text.suggest("Ann", ["Annabel"]) == ["Annabel"]
    assert text.did_you_mean("Amelie", ["Amelia"], cutoff=0.9) == ""
    assert text.did_you_mean("Amelie", ["Amelia"]) == "Did you mean 'Amelia'? "


@pytest.mark.parametrize(("items", "said"), [
    ([], ""), (["P001"], "P001"), (["P001", "P002"], "P001 and P002"),
    (["with A (P001)", "with B (P002)", "with C (P003)"],
     "with A (P001), with B (P002) and with C (P003)")])
def test_a_list_reads_as_a_sentence_lists_it(items: list[str], said: str) -> None:
    """Commas between all but the last two, "and" before the last, as the letters write
    (the over-capacity warning said "with A and with B and with C")."""
    assert text.and_list(items) == said
