// The paste-an-error page on exceptions as client libraries print them: SOAP faults as Salesforce's Java client
// (WSC) prints them, over several lines, and Python's oauthlib's "(code) description".
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { explainPasted as pasteToExplain } from '../support/flows.ts';
import { unescapeHtml } from '../support/html.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

/** The page's words as read: tags left out, entities read, white space as one space. */
const textOf = (html: string) => unescapeHtml(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
const LOGIN_REFUSED = 'Invalid username, password, security token; or user locked out.';

describe("the trouble path: a Java client's SOAP fault over several lines", () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const explainPasted = (text: string) => pasteToExplain(stack, text);

  test("WSC's LoginFault: its message is read with its code, on its own line or wrapped over two", async () => {
    for (const pasted of [
      `[LoginFault [ApiFault  exceptionCode='INVALID_LOGIN'\n exceptionMessage='${LOGIN_REFUSED}'\n extendedErrorDetails='{[0]}'\n]\n]`,
      `com.sforce.soap.partner.fault.LoginFault: [LoginFault [ApiFault  exceptionCode='INVALID_LOGIN'\n exceptionMessage='Invalid username, password, security token; or\n user locked out.'\n extendedErrorDetails='{[0]}'\n]\n]\n\tat com.sforce.soap.partner.fault.LoginFault.load(LoginFault.java:52)`,
    ]) {
      const text = textOf(await explainPasted(pasted));
      assert.ok(
        text.includes(`Salesforce's answer: INVALID_LOGIN / ${LOGIN_REFUSED}`),
        `${pasted}\n→ ${text.slice(0, 600)}`,
      );
      assert.match(text, /The SOAP login\(\) was refused/);
    }
  });

  test("WSC's unescaped quotes and a SOQL message's lines stay the message's", async () => {
    const type = textOf(
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
    const text = textOf(
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
});
