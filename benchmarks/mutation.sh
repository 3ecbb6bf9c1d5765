#!/usr/bin/env bash
# Mutation testing of the modules that decide outcomes (mutmut 3; configured in
# pyproject.toml, [tool.mutmut]). On demand, never in CI: slow (minutes per module).
#
#   pip install mutmut            # not a project dependency: a developer's tool
#   benchmarks/mutation.sh        # the outcome-deciding functions (the score in README)
#   benchmarks/mutation.sh all    # every function of every module in [tool.mutmut]
#   mutmut results                # the survivors; `mutmut show NAME` shows one mutant
#
# mutmut copies the project into mutants/ (git-ignored), runs the tests listed in
# pytest_add_cli_args_test_selection once to learn which test reaches which function, then
# each mutant against the tests that reach it.
set -euo pipefail
cd "$(dirname "$0")/.."
FOCUS=(
    "wessex_cli.eligibility*"
    "wessex_cli.scoring*"
    "wessex_cli.solver.x_solve_matching*"
    "wessex_cli.text.x_neutralise_formula*"
    "wessex_cli.text.x_fold*"
    "wessex_cli.text.x_person_key*"
    "wessex_cli.model.xǁVisitǁstatus*"
    "wessex_cli.model.xǁPairRecordǁoverdue*"
    "wessex_cli.tracking.x_parse_done*"
)
if [[ "${1:-}" == "all" ]]; then
    mutmut run --max-children "${JOBS:-2}"
else
    mutmut run --max-children "${JOBS:-2}" "${FOCUS[@]}"
fi
mutmut results --all true | awk -F': ' '{print $NF}' | sort | uniq -c
