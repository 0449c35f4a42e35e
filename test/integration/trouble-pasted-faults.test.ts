// The paste-an-error page on exceptions and logs as clients print them: SOAP faults as Salesforce's Java client
// (WSC) prints them, over several lines, Python's oauthlib's "(code) description", an Apex debug log's callout.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { unescapeHtml } from '../support/html.ts';
import { pageText, pasteStack } from '../support/paste.ts';

const LOGIN_REFUSED = 'Invalid username, password, security token; or user locked out.';

describe("the trouble path: a Java client's SOAP fault over several lines", () => {
  const { explain: explainPasted } = pasteStack();

  test("WSC's LoginFault: its message is read with its code, on its own line or wrapped over two", async () => {
    for (const pasted of [
      `[LoginFault [ApiFault  exceptionCode='INVALID_LOGIN'\n exceptionMessage='${LOGIN_REFUSED}'\n extendedErrorDetails='{[0]}'\n]\n]`,
      `com.sforce.soap.partner.fault.LoginFault: [LoginFault [ApiFault  exceptionCode='INVALID_LOGIN'\n exceptionMessage='Invalid username, password, security token; or\n user locked out.'\n extendedErrorDetails='{[0]}'\n]\n]\n\tat com.sforce.soap.partner.fault.LoginFault.load(LoginFault.java:52)`,
    ]) {
      const text = pageText(await explainPasted(pasted));
      assert.ok(
        text.includes(`Salesforce's answer: INVALID_LOGIN / ${LOGIN_REFUSED}`),
        `${pasted}\n→ ${text.slice(0, 600)}`,
      );
      assert.match(text, /The SOAP login\(\) was refused/);
    }
  });

  test("WSC's unescaped quotes and a SOQL message's lines stay the message's", async () => {
    const type = pageText(
      await explainPasted(
        "[InvalidSObjectFault [ApiQueryFault [ApiFault  exceptionCode='INVALID_TYPE'\n exceptionMessage='sObject type 'Foo__c' is not supported.'\n extendedErrorDetails='{[0]}'\n]\n row='1'\n column='16'\n]\n]",
      ),
    );
    assert.ok(type.includes("INVALID_TYPE / sObject type 'Foo__c' is not supported."), type.slice(0, 600));
    const field = await explainPasted(
      "[InvalidFieldFault [ApiQueryFault [ApiFault  exceptionCode='INVALID_FIELD'\n exceptionMessage='\nSELECT Id, Foo__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'.'\n extendedErrorDetails='{[0]}'\n]\n row='1'\n column='12'\n]\n]",
    );
    assert.match(field, /its description \(several lines\) below/);
    assert.match(
      unescapeHtml(field),
      /SELECT Id, Foo__c FROM Account\n {11}\^\nERROR at Row:1:Column:12\nNo such column 'Foo__c' on entity 'Account'\./,
    );
  });

  test("oauthlib's (code) description: the description is read with its code", async () => {
    const text = pageText(
      await explainPasted(
        'oauthlib.oauth2.rfc6749.errors.InvalidClientIdError: (invalid_client_id) client identifier invalid',
      ),
    );
    assert.ok(
      text.includes("Salesforce's answer: invalid_client_id / client identifier invalid"),
      text.slice(0, 600),
    );
    assert.match(text, /Salesforce does not know this consumer key/);
  });

  test("an Apex debug log's event names are no error codes: a callout's status alone is read as such", async () => {
    const html = await explainPasted(
      '12:00:00.0 (1)|CALLOUT_REQUEST|[10]|System.HttpRequest[Endpoint=callout:My_NC/services/oauth2/token, Method=POST]\n12:00:00.5 (2)|CALLOUT_RESPONSE|[10]|System.HttpResponse[Status=Unauthorized, StatusCode=401]',
    );
    assert.doesNotMatch(html, /CALLOUT_(?:REQUEST|RESPONSE) mean/);
    assert.match(pageText(html), /Only the HTTP status came through/);
    // With the body logged after it, the body's error is read.
    const body = pageText(
      await explainPasted(
        '12:00:00.5 (2)|CALLOUT_RESPONSE|[10]|System.HttpResponse[Status=Bad Request, StatusCode=400]\n12:00:00.5 (3)|USER_DEBUG|[11]|DEBUG|{"error":"invalid_grant","error_description":"request not supported on this domain"}',
      ),
    );
    assert.match(body, /The client credentials flow must call your My Domain/);
  });

  test("the sf CLI's words after OAuth are words, not a credential", async () => {
    const text = pageText(
      await explainPasted(
        'ERROR running auth:jwt:grant:  This org appears to have a problem with its OAuth configuration. Reason: invalid_client_id - client identifier invalid',
      ),
    );
    assert.match(text, /problem with its OAuth configuration\. Reason/);
    assert.doesNotMatch(text, /masked/i);
  });

  test("a stack trace inside a connector's JSON error stays out of the description", async () => {
    const pasted =
      '{"errors":["Error: INVALID_LOGIN: Invalid username, password, security token; or user locked out.\\n    at /usr/src/app/node_modules/jsforce/lib/connection.js:1:1"]}';
    const text = pageText(await explainPasted(pasted));
    assert.ok(text.includes(`Salesforce's answer: INVALID_LOGIN / ${LOGIN_REFUSED}`), text.slice(0, 400));
    assert.doesNotMatch(text.slice(0, 400), /node_modules/);
  });
});
