// Explanations for a paste that holds no Salesforce answer at all: only the HTTP status a client printed, its body,
// which names the error, left unread.
import type { Rule } from './types.ts';

export const STATUS_ONLY_RULES: Rule[] = [
  {
    key: 'http-status-only',
    error: 'http_status_only',
    title: "Only the HTTP status came through, not Salesforce's answer",
    likelyMeaning:
      'Your client raised an error on the status (400 Bad Request, 401 Unauthorized) and dropped the body Salesforce sent with it, which names the error: error and error_description from /services/oauth2/token, errorCode and message from the REST API. A status alone stands for many causes: a 400 from the token endpoint is any of a dozen refusals.',
    howToFix:
      'Print the body before raising, then paste it here. Python requests: print(r.status_code, r.text) before r.raise_for_status(); axios: console.log(err.response.data); fetch: await response.text(); curl: drop -f and add -i; Java: read getErrorStream().',
    whatNotToDo:
      'Do not guess from the status alone, and do not log the request to see it: it holds your secret or assertion.',
  },
];
