#!/usr/bin/env bash
# Coverage-guided fuzzing of the readers with libFuzzer and AddressSanitizer (docs/RELIABILITY.md).
#
#   tools/fuzz.sh TARGET SECONDS   fuzz one target (csv, geojson, opening-hours, route, snapshot, batch)
#   tools/fuzz.sh all SECONDS      each target in turn; exits 1 if any found a crash
#   tools/fuzz.sh regressions      run every saved input of Fuzz/regressions once; exits 1 if one crashes
#   tools/fuzz.sh seeds            rewrite the snapshot seeds with the current format
#   tools/fuzz.sh build            only build
#
# Needs only the Swift toolchain: its clang runtime has libFuzzer and ASan. The binary is built
# into .build-fuzz/ (ignored by git) and rebuilt when a source is newer. New corpus entries go to
# .build-fuzz/corpus/TARGET, crashes to .build-fuzz/crashes/TARGET; the committed seeds in
# Fuzz/corpus are only read.
#
# Environment: FUZZ_OPT (default -O; -Onone keeps the bounds checks of buffer pointers, at a sixth
# of the speed), FUZZ_MAX_LEN (libFuzzer's -max_len), FUZZ_ARGS (more libFuzzer options).
set -euo pipefail
cd "$(dirname "$0")/.."

targets=(csv geojson opening-hours route snapshot batch)
opt=${FUZZ_OPT:--O}
out=.build-fuzz
binary=$out/stations-fuzz$opt

usage() {
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

build() {
    mkdir -p "$out"
    local sources
    sources=$(find "$PWD/Sources/StationKit" "$PWD/Fuzz/Sources" -name '*.swift' | sort)
    # Up to date when the binary is newer than every source (and than this script's options).
    if [[ -x $binary && -z $(find Sources/StationKit Fuzz/Sources "$0" -newer "$binary" \( -name '*.swift' -o -name fuzz.sh \) | head -1) ]]; then
        return
    fi
    echo "fuzz: building $binary" >&2
    local start=$SECONDS
    local linker=()
    # The toolchain's lld links ASan binaries without gold's screens of "cannot export" warnings.
    if command -v ld.lld >/dev/null; then linker=(-use-ld=lld); fi
    # One module, StationKit's sources and the harness together: the harness reaches the readers'
    # internal entry points, and one whole-module compile is the fastest build (docs/RELIABILITY.md).
    # From inside $out, where the compiler leaves its module files for the debugger.
    # shellcheck disable=SC2086
    (cd "$out" && swiftc -sanitize=fuzzer,address -parse-as-library -module-name StationKitFuzz "$opt" -wmo -g \
        "${linker[@]}" $sources -o "$(basename "$binary").partial")
    mv "$binary.partial" "$binary"
    echo "fuzz: built in $((SECONDS - start)) s" >&2
}

# Runs one target; prints its summary line and returns 1 if it found a crash.
run() {
    local target=$1 seconds=$2
    local scratch=$out/corpus/$target crashes=$out/crashes/$target log=$out/logs/$target.log
    mkdir -p "$scratch" "$crashes" "$out/logs" "Fuzz/corpus/$target"
    local marker=$out/logs/$target.start
    touch "$marker"
    local options=(
        -max_total_time="$seconds"
        # Swift's runtime and Dispatch keep allocations across inputs, so libFuzzer's leak check
        # scanned the heap after nearly every input: a twentieth of the speed, and a leak is no crash.
        -detect_leaks=0
        # An input that takes this long is a hang, reported like a crash.
        -timeout=10
        -rss_limit_mb=2048
        -print_final_stats=1
        -artifact_prefix="$crashes/"
    )
    [[ -n ${FUZZ_MAX_LEN:-} ]] && options+=(-max_len="$FUZZ_MAX_LEN")
    # shellcheck disable=SC2206
    [[ -n ${FUZZ_ARGS:-} ]] && options+=($FUZZ_ARGS)
    local status=0
    # The first folder receives new entries; the seeds after it are only read.
    STATIONS_FUZZ_TARGET=$target "$binary" "${options[@]}" "$scratch" "Fuzz/corpus/$target" >"$log" 2>&1 || status=$?
    local executions rate corpus found
    found=$(find "$crashes" -type f -newer "$marker" | wc -l)
    executions=$(awk '/^stat::number_of_executed_units:/ { print $2 }' "$log")
    rate=$(awk '/^stat::average_exec_per_sec:/ { print $2 }' "$log")
    corpus=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$log" | tail -1 | sed 's/corp: //' || true)
    if [[ $status -ne 0 && $found -eq 0 ]]; then found=1; fi  # died without leaving an input
    printf '%-14s %10s executions %7s exec/s   corpus %-12s crashes %d\n' \
        "$target:" "${executions:-?}" "${rate:-?}" "${corpus:-?}" "$found"
    if [[ $found -gt 0 ]]; then
        echo "  log: $log" >&2
        find "$crashes" -type f -newer "$marker" | sed 's/^/  input: /' >&2
        grep -m1 -E 'ERROR: |Fatal error|invariant broken' "$log" | sed 's/^/  /' >&2 || true
        return 1
    fi
}

regressions() {
    local failed=0 target file
    for target in "${targets[@]}"; do
        [[ -d Fuzz/regressions/$target ]] || continue
        for file in Fuzz/regressions/"$target"/*; do
            [[ -f $file ]] || continue
            if STATIONS_FUZZ_TARGET=$target "$binary" -detect_leaks=0 -runs=1 "$file" >"$out/logs/regression.log" 2>&1; then
                echo "ok     $file"
            else
                echo "CRASH  $file  ($(grep -m1 -E 'ERROR: |Fatal error' "$out/logs/regression.log" || echo 'see the log'))"
                failed=1
            fi
        done
    done
    return $failed
}

[[ $# -ge 1 ]] || usage
case $1 in
    build) build ;;
    seeds)
        build
        for count in 3 8 20; do
            STATIONS_FUZZ_WRITE_SNAPSHOT=Fuzz/corpus/snapshot/stations-$count.snapshot STATIONS_FUZZ_SEED_STATIONS=$count \
                STATIONS_FUZZ_TARGET=snapshot "$binary" -runs=0 >/dev/null 2>&1 || true
        done
        ls -l Fuzz/corpus/snapshot ;;
    regressions) build; mkdir -p "$out/logs"; regressions ;;
    all)
        [[ $# -eq 2 ]] || usage
        build
        failed=0
        for target in "${targets[@]}"; do run "$target" "$2" || failed=1; done
        exit $failed ;;
    *)
        [[ $# -eq 2 ]] || usage
        [[ " ${targets[*]} " == *" $1 "* ]] || { echo "fuzz: unknown target '$1'" >&2; usage; }
        build
        run "$1" "$2" ;;
esac
