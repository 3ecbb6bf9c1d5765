#!/usr/bin/env bash
# Mutation testing of the modules that decide outcomes (mutmut 3; configured in
# pyproject.toml, [tool.mutmut]). On demand, never in CI: slow (minutes per module).
#
#   pip install mutmut==3.8.1     # not a project dependency: a developer's tool
#   benchmarks/mutation.sh        # the first run's functions (FOCUS) with the default tests
#   benchmarks/mutation.sh RUN    # one narrowed run: solver, pairing, safe_write, text, equality,
#                                 eligibility, tracking
#   JOBS=1 benchmarks/mutation.sh RUN   # on one core (mutmut's --max-children; default 2)
#   benchmarks/mutation.sh RUN PATTERN...  # a sample: only these functions, RUN's tests
#   KEEP=1 benchmarks/mutation.sh RUN ...   # go on with a stopped run (same tests)
#   benchmarks/mutation.sh all    # every function of every module in [tool.mutmut]
#   mutmut results                # the survivors; `mutmut show NAME` shows one mutant
#
# mutmut copies the project into mutants/ (git-ignored), runs the tests listed in
# pytest_add_cli_args_test_selection once to learn which test reaches which function, then
# each mutant against the tests that reach it. mutmut reads that list only from
# pyproject.toml, so a narrowed RUN writes its own list there for the length of the run
# (restored on exit, even on Ctrl-C) and starts from an empty mutants/ (old verdicts were
# made against other tests). The lists are the few fast test files that judge the module:
# with the whole default list each mutant of a widely used module took minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
FOCUS=(
    # first run (benchmarks/MUTATION.md)
    "wessex_cli.eligibility*"
    "wessex_cli.scoring*"
    "wessex_cli.solver.x_solve_matching*"
    "wessex_cli.text.x_neutralise_formula*"
    "wessex_cli.text.x_fold*"
    "wessex_cli.text.x_person_key*"
    "wessex_cli.model.xǁVisitǁstatus*"
    "wessex_cli.model.xǁPairRecordǁoverdue*"
    "wessex_cli.tracking.x_parse_done*"
    # second run: small numbers, anonymisation, half-written files
    "wessex_cli.equality.x_round5*"
    "wessex_cli.equality.x_protect*"
    "wessex_cli.equality.x_build_table*"
    "wessex_cli.feedback.x_valid_nhs_number*"
    "wessex_cli.feedback.x__folded*"
    "wessex_cli.feedback.xǁAnonymiserǁ*"
    "wessex_cli.feedback.x_anonymise_survey*"
    "wessex_cli.safe_write.x_write_batch*"
    "wessex_cli.safe_write.x_backup*"
    "wessex_cli.safe_write.x_remove_leftovers*"
)
RUN="${1:-focus}"
case "$RUN" in
    solver)  # everything but solve_matching (scored in the first run)
        FUNCS=("wessex_cli.solver.x__values*" "wessex_cli.solver.xǁ_Flowǁ*"
               "wessex_cli.solver.x__blocks*" "wessex_cli.solver.x__candidates*"
               "wessex_cli.solver.x__price*" "wessex_cli.solver.x__column_generation*")
        TESTS=("tests/test_oracle.py" "tests/test_pairing.py"
               "tests/test_mutation_kills_solver.py" "tests/test_mutation_kills_solver_start.py") ;;
    pairing)
        FUNCS=("wessex_cli.pairing*")
        TESTS=("tests/test_pairing.py" "tests/test_explanations.py"
               "tests/test_rules_literal.py" "tests/test_mutation_kills_pairing.py"
               "tests/test_mutation_kills_pairing_reasons.py") ;;
    safe_write)  # everything but write_batch, backup, backups_of, remove_leftovers
        FUNCS=("wessex_cli.safe_write.x_real_path*" "wessex_cli.safe_write.x_office_lock_file*"
               "wessex_cli.safe_write.x_refuse_if_open*"
               "wessex_cli.safe_write.x_refuse_if_read_only*"
               "wessex_cli.safe_write.x__umask*" "wessex_cli.safe_write.x__fsync*"
               "wessex_cli.safe_write.x__reason*" "wessex_cli.safe_write.x_atomic_write*"
               "wessex_cli.safe_write.x_write_bytes*" "wessex_cli.safe_write.x_write_text*"
               "wessex_cli.safe_write.x_note*" "wessex_cli.safe_write.x_write_lock*"
               "wessex_cli.safe_write.x_guard_output*")
        TESTS=("tests/test_mutation_kills_safe_write.py" "tests/test_files.py"
               "tests/test_mutation_kills.py" "tests/test_mutation_kills_safe_write_flush.py") ;;
    text)  # everything but neutralise_formula, fold and person_key (first run)
        FUNCS=("wessex_cli.text.x_clean_cell*" "wessex_cli.text.x_email_key*"
               "wessex_cli.text.x_header_key*" "wessex_cli.text.x_cluster_*"
               "wessex_cli.text.x_first_name*" "wessex_cli.text.x_slug*"
               "wessex_cli.text.x_looks_like_formula*" "wessex_cli.text.x_one_line*"
               "wessex_cli.text.x_has_controls*" "wessex_cli.text.x_strip_controls*"
               "wessex_cli.text.x_address_from_cell*" "wessex_cli.text.x_suggest*"
               "wessex_cli.text.x_did_you_mean*")
        TESTS=("tests/test_mutation_kills_text.py" "tests/test_reader.py"
               "tests/test_safety_outputs.py") ;;
    eligibility)  # the rules, pair by pair (rules) and vectorised (first run: default list)
        FUNCS=("wessex_cli.eligibility*" "wessex_cli.rules*")
        TESTS=("tests/test_rules_literal.py" "tests/test_speed_paths.py" "tests/test_pairing.py"
               "tests/test_explanations.py" "tests/test_mutation_kills_eligibility.py"
               "tests/test_partnerless.py") ;;
    equality)  # the whole module: reading and classifying the forms, suppression, output
        FUNCS=("wessex_cli.equality*")
        TESTS=("tests/test_planning.py" "tests/test_readers.py" "tests/test_words.py"
               "tests/test_words_fixes.py" "tests/test_review15.py"
               "tests/test_mutation_kills.py" "tests/test_mutation_kills_equality.py"
               "tests/test_mutation_kills_equality_forms.py") ;;
    tracking)  # reading the visits (tracking.track) and the record's model
        FUNCS=("wessex_cli.tracking*" "wessex_cli.model*")
        TESTS=("tests/test_tracking.py" "tests/test_deadlines.py" "tests/test_model.py"
               "tests/test_mutation_kills_tracking.py") ;;
    focus) FUNCS=("${FOCUS[@]}") ;;
    all) FUNCS=() ;;
    *) echo "unknown run '$RUN': focus, all, solver, pairing, safe_write, text, equality," \
            "eligibility or tracking" >&2
       exit 2 ;;
esac
if [[ $# -gt 1 ]]; then FUNCS=("${@:2}"); fi
if [[ -n "${TESTS+x}" ]]; then
    present=()
    for name in "${TESTS[@]}"; do [[ -e "$name" ]] && present+=("$name"); done
    TESTS=("${present[@]}")
    cp pyproject.toml pyproject.toml.mutation-backup
    trap 'mv pyproject.toml.mutation-backup pyproject.toml' EXIT
    python - "${TESTS[@]}" <<'PY'
import re, sys
from pathlib import Path
path = Path("pyproject.toml")
listed = ", ".join(f'"{name}"' for name in sys.argv[1:])
text, count = re.subn(r"(?ms)^pytest_add_cli_args_test_selection = \[.*?\]",
                      f"pytest_add_cli_args_test_selection = [{listed}]", path.read_text())
assert count == 1, "pytest_add_cli_args_test_selection not found in pyproject.toml"
path.write_text(text)
PY
    echo "tests: ${TESTS[*]}"
    [[ -n "${KEEP:-}" ]] || rm -rf mutants
fi
mutmut run --max-children "${JOBS:-2}" "${FUNCS[@]}"
mutmut results --all true | awk -F': ' '{print $NF}' | sort | uniq -c
