# I1: importMyData of 10,000 messages in one call, against the packaged application (sourced by
# bench/run). Each call imports new messages into the user's own room (ids carry the run and the
# call), so every call writes 10,000 rows; calls repeat for the warm-up, then IMPORT_CALLS are timed.
# shellcheck shell=bash

IMPORT_MESSAGES=${IMPORT_MESSAGES:-10000}
IMPORT_CALLS=${IMPORT_CALLS:-5}

# import_request FILE CALL: a GraphQL request importing IMPORT_MESSAGES messages of user-9999.
import_request() {
    local prefix="i$(date +%s)-$2"
    {
        printf '{"query":"mutation($d: String!) { importMyData(data: $d) { imported unchanged skipped } }","variables":{"d":"'
        printf '{\\"format\\":\\"offline-data-server/export\\",\\"version\\":1,\\"userId\\":\\"user-9999\\",\\"messages\\":['
        seq 0 $((IMPORT_MESSAGES - 1)) | awk -v p="$prefix" 'BEGIN { ORS = "" } {
            if (NR > 1) print ","
            printf "{\\\"messageId\\\":\\\"%s-%d\\\",\\\"senderId\\\":\\\"user-9999\\\",\\\"roomId\\\":\\\"room-999\\\",", p, $1
            printf "\\\"content\\\":\\\"imported message %d of a long chat history\\\",\\\"createdAt\\\":\\\"2026-01-01T00:00:00Z\\\"}", $1 }'
        printf ']}"}}'
    } >"$1"
}

# import_call FILE: prints "seconds imported".
import_call() {
    local token response
    token=$(sed -n 10000p "$TOKENS")
    response=$(curl -s -w ' %{time_total}' -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        --data-binary @"$1" "http://127.0.0.1:$BENCH_PORT/graphql")
    local imported
    imported=$(grep -o '"imported":[0-9]*' <<<"$response" | cut -d: -f2)
    echo "${response##* } ${imported:-0}"
}

workload_import() {
    local request=target/bench-import.json call=0 deadline=$((SECONDS + WARMUP)) times=() errors=0
    while [ $SECONDS -lt $deadline ]; do
        import_request "$request" "warm-$call"
        import_call "$request" >/dev/null
        call=$((call + 1))
    done
    for i in $(seq 1 "$IMPORT_CALLS"); do
        import_request "$request" "$i"
        read -r seconds imported <<<"$(import_call "$request")"
        [ "$imported" = "$IMPORT_MESSAGES" ] || errors=$((errors + 1))
        times+=("$seconds")
        echo "  import call $i: $seconds s, $imported imported" >&2
    done
    local sorted median worst
    sorted=$(printf '%s\n' "${times[@]}" | sort -n)
    median=$(sed -n "$(( (IMPORT_CALLS + 1) / 2 ))p" <<<"$sorted")
    worst=$(tail -n 1 <<<"$sorted")
    row "I1 importMyData of $IMPORT_MESSAGES messages, one call ($IMPORT_CALLS calls after $call warm-up calls)" \
        "$(awk -v n="$IMPORT_MESSAGES" -v s="$median" 'BEGIN { printf "%.0f messages/s", n / s }')" \
        "$(awk -v s="$median" 'BEGIN { printf "%.0f ms", 1000 * s }')" \
        "$(awk -v s="$worst" 'BEGIN { printf "%.0f ms (slowest)", 1000 * s }')" "$errors" "-" "-"
}
