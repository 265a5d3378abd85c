#!/usr/bin/env bash
# Plays GitHub's part of the secret-scanning partner programme, so that the endpoint can be tried without GitHub:
# a P-256 key pair and GitHub's key-list JSON for it, a report of found tokens, and its signature.
#
#   secret-scanning-example.sh keys DIR            writes DIR/private.pem and DIR/keys.json (GitHub's JSON); give
#                                                  Latchkey latchkey.secret-scanning.github.keys-file=DIR/keys.json
#   secret-scanning-example.sh report TOKEN...     prints a report of the tokens, as GitHub posts it
#   secret-scanning-example.sh sign DIR BODY       prints the Github-Public-Key-Signature of exactly BODY
#
# The key's identifier is latchkey-docs-example. Needs openssl.
set -euo pipefail

case "${1:-}" in
  keys)
    dir=$2
    mkdir -p "$dir"
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/private.pem"
    public=$(openssl ec -in "$dir/private.pem" -pubout 2>/dev/null | awk '{printf "%s\\n", $0}')
    printf '{"public_keys":[{"key_identifier":"latchkey-docs-example","key":"%s","is_current":true}]}\n' \
      "$public" > "$dir/keys.json"
    ;;
  report)
    shift
    matches=""
    for token in "$@"; do
      matches="$matches${matches:+,}{\"token\":\"$token\",\"type\":\"latchkey_token\",\"url\":\"https://github.com/octo/app/blob/main/.env\",\"source\":\"content\"}"
    done
    printf '[%s]' "$matches"
    ;;
  sign)
    printf '%s' "$3" | openssl dgst -sha256 -sign "$2/private.pem" | openssl base64 -A
    ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
