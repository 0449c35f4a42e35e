// The trouble path's paste-an-error page: every documented error string, JSON bodies, log lines and callback URLs
// read as Salesforce said them, and fixes that name where each kind of app (and the emulator's Setup) shows a setting.
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { explainPasted as pasteToExplain } from '../support/flows.ts';
import { DOCUMENTED_ERRORS } from '../support/documented-errors.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

describe('the trouble path', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  const explainPasted = (text: string) => pasteToExplain(stack, text);

  test('the paste-an-error page explains every error string the wire references document', async () => {
    for (const [error, description] of DOCUMENTED_ERRORS) {
      const pasted = description
        ? `error=${error}&error_description=${encodeURIComponent(description)}`
        : error;
      const html = await explainPasted(pasted);
      assert.ok(html.includes(`<code>${error}</code>`), `${pasted}: the code is read`);
      // The page escapes the apostrophe: match it either way, or this check could never fail.
      assert.doesNotMatch(html, /not in the playground(?:'|&#39;)s catalogue/, `${pasted} is explained`);
    }
  });

  test('a pasted JSON body, log line or callback URL is read as Salesforce would have said it', async () => {
    assert.match(
      await explainPasted('HTTP 400 - {"error":"invalid_grant","error_description":"audience is invalid"}'),
      /Wrong aud in the assertion/,
    );
    assert.match(
      await explainPasted('ERROR: invalid_client_id: client identifier invalid'),
      /does not know this consumer key/,
    );
    assert.match(
      await explainPasted('Error authenticating with the refresh token due to: ip restricted'),
      /IP address the org does not allow/,
    );
    const both = await explainPasted(
      '{"error":"invalid_grant","error_description":"expired authorization code"}',
    );
    assert.match(both, /more than one common cause/);
    assert.match(both, /The assertion had already expired/);
    assert.match(both, /The code was already used or is too old/);
    // A SOQL error's lines and caret are kept in the error box; the lead above does not run them together.
    const soql = await explainPasted(
      JSON.stringify([
        {
          message:
            "\nSELECT Nme FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nme' on entity 'Account'.",
          errorCode: 'INVALID_FIELD',
        },
      ]),
    );
    const lead = /<p class="lead">[^]*?<\/p>/.exec(soql)?.[0] ?? '';
    assert.match(lead, /<code>INVALID_FIELD<\/code>, its description \(several lines\) below\./);
    assert.match(soql, /<pre class="error-description"[^>]*><code>SELECT Nme FROM Account\n {7}\^/);
    const unread = await explainPasted('nothing to see here');
    assert.match(unread, /<p class="notice" id="paste-notice">No Salesforce error was found/);
    assert.match(unread, /<textarea id="paste-text"[^>]* aria-describedby="paste-notice">/);
    // The authorize request itself (an error page's address bar, where the page is shown at that address): not an
    // answer, and the notice says where the answer is.
    const request = await explainPasted(
      `${stack.emulatorUrl}/services/oauth2/authorize?response_type=code&client_id=3MVG9abc&redirect_uri=https%3A%2F%2Flocalhost%3A3000%2Fcallback&state=abc`,
    );
    assert.match(
      request,
      /<p class="notice" id="paste-notice">That is the authorize request your app sent, not Salesforce's answer,\s+so it holds no error\. The answer is on the page it opened: paste the error line that page shows\s+\(<code>error=…<\/code>\), or the address your callback received \(it holds <code>error=<\/code>\)\.<\/p>/,
    );
    // An empty box sent is said to be empty, not answered with the page as it was.
    const empty = await explainPasted('   ');
    assert.match(empty, /Nothing was pasted: paste an error in the box below first/);
    assert.match(empty, /<textarea id="paste-text"[^>]* aria-describedby="paste-notice">/);
  });

  test('a fix given as a Connected App path points External Client App owners to the table of names', async () => {
    const html = await explainPasted(
      'error=invalid_scope&error_description=the%20requested%20scope%20is%20not%20allowed',
    );
    assert.match(html, /App Manager → your app → Edit → Selected OAuth Scopes/);
    assert.match(
      html,
      /An External Client App has the same settings under other names: see <a href="\/setup#per-flow">/,
    );
    const other = await explainPasted('error=invalid_grant&error_description=expired%20authorization%20code');
    assert.doesNotMatch(other, /An External Client App has the same settings/);
  });

  test('a wrong consumer key or secret is explained with where each kind of app shows them', async () => {
    for (const pasted of [
      'error=invalid_client_id&error_description=client%20identifier%20invalid',
      'error=invalid_client&error_description=invalid%20client%20credentials',
    ]) {
      const html = await explainPasted(pasted);
      assert.match(html, /App Manager → your app → View → Manage Consumer Details/, pasted);
      assert.match(
        html,
        /External Client App Manager → your app → Settings → OAuth Settings → Consumer Key and Secret/,
        pasted,
      );
    }
    // Both paths are given, so the pointer to the table of names would only repeat them.
    const keyOnly = await explainPasted(
      'error=invalid_client_id&error_description=client%20identifier%20invalid',
    );
    assert.doesNotMatch(keyOnly, /An External Client App has the same settings/);
  });

  test('client credentials without a Run As user names both places an External Client App enables the flow', async () => {
    const html = await explainPasted(
      'error=invalid_grant&error_description=no%20client%20credentials%20user%20enabled',
    );
    assert.match(html, /enabled twice, under Settings → Flow Enablement and under Policies/);
    assert.match(html, /Set Run As \([^)]*; on an External Client App, under Policies\)/);
    const page = await (await new TestClient().get(`${stack.appUrl}/flows/client-credentials`)).text();
    assert.match(
      page,
      /Settings →\s+Flow Enablement →\s+<em>Enable Client Credentials\s+Flow<\/em>, and Policies/,
    );
  });

  test('in emulator mode, a fix given as a Salesforce Setup path links the emulator’s own Setup page', async () => {
    const html = await explainPasted(
      'error=invalid_grant&error_description=no%20client%20credentials%20user%20enabled',
    );
    assert.ok(
      html.includes(
        `its app and org settings are on <a href="${stack.emulatorUrl}/setup">the emulator's Setup page</a>`,
      ),
      'no link to the emulator’s Setup page',
    );
    const noSetupPath = await explainPasted(
      'error=invalid_grant&error_description=expired%20authorization%20code',
    );
    assert.doesNotMatch(noSetupPath, /its app and org settings are on/);
    // Setup → My Domain is a Salesforce page the emulator has no copy of: no link there.
    const myDomain = await explainPasted(
      'error=invalid_grant&error_description=request%20not%20supported%20on%20this%20domain',
    );
    assert.match(myDomain, /Setup → My Domain shows it/);
    assert.doesNotMatch(myDomain, /its app and org settings are on/);
    // A refusal only a "break it" switch makes in the emulator: pasted, it may come from a real org, so neither that
    // nor a Setup page of the emulator is said; linked from the emulator's own error page, the switch is.
    for (const pasted of [
      'error=invalid_grant&error_description=ip%20restricted',
      'error=OAUTH_APP_BLOCKED&error_description=this%20app%20is%20blocked%20by%20admin',
    ]) {
      const fromAnywhere = await explainPasted(pasted);
      assert.doesNotMatch(fromAnywhere, /Here the org is the local emulator/, pasted);
    }
    const query = 'error=OAUTH_APP_BLOCKED&error_description=this%20app%20is%20blocked%20by%20admin';
    const linked = await (await new TestClient().get(`${stack.appUrl}/explain?${query}`)).text();
    // A link's words are cut where Salesforce's error page would never run on: no page of made-up text.
    const long = 'x'.repeat(5000);
    const crafted = await (
      await new TestClient().get(`${stack.appUrl}/explain?error=invalid_grant&error_description=${long}`)
    ).text();
    assert.ok(crafted.includes('x'.repeat(300)));
    // Shown as the link's words, never as Salesforce's answer: anyone can write a link to this page.
    assert.match(
      crafted,
      /The error this link carries \(a link can carry any words; only known codes are explained\)/,
    );
    assert.doesNotMatch(crafted, /Salesforce(&#39;|')s answer/);
    assert.ok(!crafted.includes('x'.repeat(301)));
    // So are the request's redirect_uri and client_id it carries: longer than a link's, they are not shown at all.
    const planted = await (
      await new TestClient().get(
        `${stack.appUrl}/explain?error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration&redirect_uri=CALL%20US${'y'.repeat(400)}&client_id=LOCKED${'z'.repeat(400)}`,
      )
    ).text();
    assert.doesNotMatch(planted, /CALL US|LOCKED|yyyy|zzzz/);
    // Short words are not a URL or a consumer key either; real values of a link are still shown.
    const short = await (
      await new TestClient().get(
        `${stack.appUrl}/explain?error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration&redirect_uri=CALL%20US%20NOW&client_id=account%20locked`,
      )
    ).text();
    assert.doesNotMatch(short, /CALL US NOW|account locked/);
    const real = await (
      await new TestClient().get(
        `${stack.appUrl}/explain?error=redirect_uri_mismatch&error_description=redirect_uri%20must%20match%20configuration&redirect_uri=${encodeURIComponent('https://localhost:9999/oauthcallback.html')}&client_id=3MVG9Key.abc`,
      )
    ).text();
    assert.match(real, /https:\/\/localhost:9999\/oauthcallback\.html/);
    assert.match(real, /3MVG9Key\.abc/);
    assert.match(planted, /redirect_uri must match configuration/);
    assert.match(linked, /Here the org is the local emulator\. The local emulator has no such setting/);
    assert.doesNotMatch(linked, /its app and org settings are on/);
  });
});
