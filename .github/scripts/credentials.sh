# Sourced by the workflows' reconciler steps: exports one target's credentials under the variable names
# reconciler.yaml gives them. CREDENTIAL_NAMES holds those names (the matrix entry's `credentials` from
# `reconciler targets --format json`, joined by spaces) and CREDENTIAL_1..CREDENTIAL_4 the repository or
# environment secrets of the same names, in the same order. A target never sees another target's secrets.
credential_slot=0
for credential_name in ${CREDENTIAL_NAMES:-}; do
  credential_slot=$((credential_slot + 1))
  if [ "$credential_slot" -gt 4 ]; then
    echo "::error::a target names more than four credential variables; the workflow maps four"
    exit 1
  fi
  credential_value="CREDENTIAL_$credential_slot"
  if [ -z "${!credential_value:-}" ]; then
    echo "::warning::no secret named $credential_name for target ${RECONCILER_TARGET:-?}"
  fi
  export "$credential_name=${!credential_value:-}"
done
unset CREDENTIAL_1 CREDENTIAL_2 CREDENTIAL_3 CREDENTIAL_4 credential_slot credential_value credential_name
