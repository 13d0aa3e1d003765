#!/bin/sh
# The local trial's spec repository: a copy of specs-example whose network ids are the ones
# create-example-infra.sh created in the emulator. specs-example itself names fixed, made-up
# ids (subnet-0a1b2c3d4e5f60001, sg-0a1b2c3d4e5f60010 …) that exist in no account, and an
# emulator checks them as AWS does (CreateService: "subnet … does not exist"), so the trial
# needs its own copy. POSIX sh, sed, awk and find only: it runs on a laptop (Linux, macOS)
# and in the compose file's git container alike.
#
#   trial-specs.sh ids SPECS
#       prints every subnet and security group id the specs in SPECS name, one a line:
#       what create-example-infra.sh creates a counterpart of.
#   trial-specs.sh write SPECS NETWORK_IDS OUT [--commit]
#       replaces the content of OUT (its .git is kept) with a copy of SPECS in which every id
#       is replaced by its counterpart from NETWORK_IDS (lines "specs-id emulator-id", as
#       create-example-infra.sh writes them), plus the trial settings below. With --commit,
#       OUT becomes a Git repository (branch main) and the result is committed when it changed.
#
# Trial settings (the copy only; specs-example is never changed):
#   - every subnet and security group id is the emulator's (above);
#   - the api container, which the api verification task runs, gets container-level memory
#     equal to its task's memory: on Fargate that is what a container without its own memory
#     may use anyway, so nothing changes on AWS, but moto's RunTask answers 500 for a container
#     without memory (it adds up container memory);
#   - services deployed by AWS's own engines (strategy ecs or codeDeploy: checkout, payments)
#     are left out: moto serves no ECS service deployments and no CodeDeploy deployment Turnout
#     can follow, and their load balancer ARNs name the simulated world's target groups;
#   - every environment's deployment.steadyStateTimeout is TRIAL_STEADY_STATE_TIMEOUT (default
#     2m): moto runs no tasks, so no slot ever reaches steady state, and the trial shows that
#     limit (and the rollback) after two minutes rather than after the example's 10m/15m.
# With TRIAL_TASKS=N (for a moto server started with MOTO_ECS_SERVICE_RUNNING=N, which then
# reports N running tasks for every ECS service it creates), the deployments get through:
#   - every desiredCount and auto scaling minCapacity is N, so that running = desired;
#   - verification keeps only what moto can pass (the service runs its tasks, the bake
#     time): healthyTargets is false (moto registers no targets), and httpChecks and the
#     verification task are removed (moto's load balancer routes nothing, its tasks never stop).
set -eu

ID_PATTERN='(subnet|sg)-[0-9a-f]{8,17}'
# The containers verification tasks run (file of the task definition, container name).
VERIFICATION_CONTAINERS='services/api/api.taskdef.yaml:api'
# Marks a folder this script wrote (Turnout reads *.yaml and *.yml only), so that it never
# empties a folder it did not write.
MARKER=.turnout-trial

fail() {
  echo "trial-specs.sh: $*" >&2
  exit 1
}

# Spec files: what Turnout reads (*.yaml, *.yml) and what they include (*.json).
spec_files() {
  find "$1" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) ! -path '*/.git/*'
}

ids() {
  [ -d "$1" ] || fail "no spec directory $1"
  spec_files "$1" | while IFS= read -r f; do grep -oE "$ID_PATTERN" "$f" || true; done | sort -u
}

# sed -i is not portable (GNU and BSD differ): write a copy, then move it in place.
edit() {
  file=$1
  shift
  "$@" < "$file" > "$file.trial-tmp" || { rm -f "$file.trial-tmp"; return 1; }
  mv "$file.trial-tmp" "$file"
}

replace_ids() {
  out=$1 network_ids=$2
  script=$(mktemp)
  created=$(mktemp)
  trap 'rm -f "$script" "$created"' EXIT
  while read -r from to rest; do
    case $from in '' | '#'*) continue ;; esac
    echo "$from" | grep -qxE "$ID_PATTERN" || fail "$network_ids: '$from' is not a subnet or security group id"
    echo "$to" | grep -qxE "$ID_PATTERN" || fail "$network_ids: '$to' (for $from) is not a subnet or security group id"
    # an id followed by anything but another hex digit, so that sg-12345678 never
    # rewrites the start of sg-12345678abcdef012
    # printf, not echo: dash's echo would read the \1 as an octal escape
    printf 's/%s([^0-9a-f]|$)/%s\\1/g\n' "$from" "$to" >> "$script"
    echo "$to" >> "$created"
  done < "$network_ids"
  spec_files "$out" | while IFS= read -r f; do edit "$f" sed -E -f "$script"; done
  # Every id left must be one the emulator has: an id without a counterpart would fail at
  # the first CreateService, which is what this copy is for.
  unknown=$(ids "$out" | grep -vxF -f "$created" || true)
  [ -z "$unknown" ] || fail "no counterpart in $network_ids for: $(echo $unknown) (run create-example-infra.sh again)"
}

container_memory() {
  out=$1
  for entry in $VERIFICATION_CONTAINERS; do
    file=$out/${entry%%:*} container=${entry##*:}
    [ -f "$file" ] || fail "${entry%%:*} is not in the specs: update VERIFICATION_CONTAINERS in $0"
    task_memory=$(sed -n 's/^memory: *"\{0,1\}\([0-9][0-9]*\)"\{0,1\} *$/\1/p' "$file")
    [ -n "$task_memory" ] || fail "${entry%%:*} has no task-level memory to give container $container"
    edit "$file" awk -v name="$container" -v memory="$task_memory" '
      { print }
      $0 == "  - name: " name {
        print "    memory: " memory "    # local trial: moto'"'"'s RunTask needs container memory (on Fargate the task'"'"'s memory is what the container may use anyway)"
        added++
      }
      END { if (added != 1) exit 3 }' ||
      fail "${entry%%:*}: found no single '  - name: $container' to give memory to: update $0"
  done
}

# strategy ecs / codeDeploy: see the header
drop_engine_services() {
  out=$1
  for f in "$out"/services/*/service.yaml; do
    [ -f "$f" ] || continue
    if grep -qE '^    (ecs|codeDeploy):' "$f"; then rm -rf "$(dirname "$f")"; fi
  done
}

steady_state_timeout() {
  out=$1 timeout=${TRIAL_STEADY_STATE_TIMEOUT:-2m}
  echo "$timeout" | grep -qxE '([0-9]+(ms|s|m|h))+' || fail "TRIAL_STEADY_STATE_TIMEOUT=$timeout is not a duration such as 2m"
  for f in "$out"/environments/*.yaml; do
    [ -f "$f" ] || continue
    edit "$f" sed -E "s/^( +steadyStateTimeout:) *[^ #]+/\\1 $timeout/"
  done
}

# TRIAL_TASKS=N: see the header.
emulator_pass() {
  out=$1 tasks=$2
  echo "$tasks" | grep -qxE '[1-9][0-9]*' || fail "TRIAL_TASKS=$tasks is not a number of tasks (1 or more)"
  spec_files "$out" | while IFS= read -r f; do
    case $f in *.json) continue ;; esac
    edit "$f" sed -E -e "s/^( *(- )?desiredCount:) *[0-9]+/\\1 $tasks/" -e "s/^( *(- )?minCapacity:) *[0-9]+/\\1 $tasks/" \
      -e 's/^( *(- )?healthyTargets:) *true/\1 false/'
    # drop httpChecks and task (key and block) inside any verification: block
    edit "$f" awk '
      function indent(s) { match(s, /^ */); return RLENGTH }
      {
        blank = $0 ~ /^ *(#.*)?$/
        n = indent($0)
        if (dropping) {
          if (blank || n > drop || (n == drop && $0 ~ /^ *- /)) next
          dropping = 0
        }
        if (!blank && verifying && n <= verification) verifying = 0
        if ($0 ~ /^ *verification: *(#.*)?$/) { verifying = 1; verification = n }
        else if (verifying && $0 ~ /^ *(httpChecks|task):/) { dropping = 1; drop = n; next }
        print
      }'
  done
}

commit() {
  out=$1 what=$2
  command -v git > /dev/null || fail "--commit needs git, which is not installed"
  [ -d "$out/.git" ] || git init -q "$out"
  # a new repository (or the clone of an empty one) commits on main, whatever git's default
  git -C "$out" rev-parse -q --verify HEAD > /dev/null || git -C "$out" symbolic-ref HEAD refs/heads/main
  git -C "$out" add -A
  if git -C "$out" diff --cached --quiet; then
    echo "$out: unchanged ($(git -C "$out" rev-parse --short HEAD))"
  else
    git -C "$out" -c user.name=turnout-local -c user.email=turnout@localhost commit -q \
      -m "trial specs: $what" -m "Written by deploy/local/trial-specs.sh from specs-example; running it again rewrites them."
    echo "$out: committed $(git -C "$out" rev-parse --short HEAD) on main"
  fi
}

write() {
  [ $# -ge 3 ] || fail "usage: trial-specs.sh write SPECS NETWORK_IDS OUT [--commit]"
  specs=$1 network_ids=$2 out=$3
  [ -d "$specs/environments" ] || fail "$specs has no environments/ folder: not a spec repository"
  [ -f "$network_ids" ] || fail "no $network_ids: run create-example-infra.sh first"
  mkdir -p "$out"
  # OUT's content is replaced: only when it is empty (but for .git) or written here before
  if [ ! -f "$out/$MARKER" ] && [ -n "$(find "$out" -mindepth 1 -maxdepth 1 ! -name .git)" ]; then
    fail "$out is not empty and holds no $MARKER: it was not written by trial-specs.sh, so it is left alone; name an empty or new folder"
  fi
  find "$out" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  find "$specs" -mindepth 1 -maxdepth 1 ! -name .git -exec cp -R {} "$out/" \;
  drop_engine_services "$out"
  replace_ids "$out" "$network_ids"
  container_memory "$out"
  steady_state_timeout "$out"
  echo "Written by deploy/local/trial-specs.sh, which replaces everything here but .git when it runs again." > "$out/$MARKER"
  what="specs-example with the emulator's network ids"
  if [ -n "${TRIAL_TASKS:-}" ]; then
    emulator_pass "$out" "$TRIAL_TASKS"
    what="$what, $TRIAL_TASKS tasks per service and only the verification moto can pass (TRIAL_TASKS=$TRIAL_TASKS)"
  fi
  echo "$out: $what"
  if [ "${4:-}" = --commit ]; then commit "$out" "$what"; fi
}

case "${1:-}" in
  ids) shift; ids "$@" ;;
  write) shift; write "$@" ;;
  *) fail "usage: trial-specs.sh ids SPECS | trial-specs.sh write SPECS NETWORK_IDS OUT [--commit]" ;;
esac
