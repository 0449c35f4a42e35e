// A bash function that stands in for curl in shell copies run by tests: the same call, quiet, with the HTTP status on
// a line of its own after the body, so a test can tell the answer's status from its text.
export const CURL_STATUS_AFTER_BODY = `curl() { command curl --silent --show-error --write-out '\\n%{http_code}' "$@"; }`;
