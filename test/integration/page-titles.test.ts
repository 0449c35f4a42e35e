// A page's title is the first thing a screen reader says and what a tab shows: it names what happened, not only
// the page (one result page serves every flow; a flow page after a failed Run is not the page before it; a form
// answered with an error says so, and marks the field at fault).
import assert from '../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { saveSettings } from '../support/emulator-setup.ts';
import { postForm, runWebServerFlow } from '../support/flows.ts';
import { TestClient } from '../support/http.ts';
import { startTestStack, type TestStack } from '../support/stack.ts';

const titleOf = async (response: { text(): Promise<string> }) =>
  /<title>([^<]*)<\/title>/.exec(await response.text())?.[1];

describe('page titles say what happened', () => {
  let stack: TestStack;
  before(async () => {
    stack = await startTestStack();
  });
  after(() => stack.close());

  test('a failed Run, the result of a flow, and a signed-out page opened without a logout', async () => {
    const client = new TestClient();
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/signed-out`)),
      'Not signed in · Salesforce OAuth playground',
    );
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/flows/jwt`)),
      'JWT bearer flow · Salesforce OAuth playground',
    );
    await postForm(stack, client, '/flows/jwt', '/flows/jwt'); // refused: the app was never approved
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/flows/jwt`)),
      'JWT bearer flow: last attempt failed · Salesforce OAuth playground',
    );
    assert.equal((await runWebServerFlow(stack, client)).location, '/result');
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/result`)),
      'Signed in (web server flow) · Salesforce OAuth playground',
    );
    await postForm(stack, client, '/result', '/result/query', { soql: 'SELECT Id FROM Nope' });
    assert.equal(
      await titleOf(await client.get(`${stack.appUrl}/result`)),
      'Signed in (web server flow): query refused · Salesforce OAuth playground',
    );
  });

  test('the error explainer names what it found, or that nothing was pasted, and marks the box', async () => {
    const client = new TestClient();
    const cases: [string, string, boolean][] = [
      ['', 'Nothing pasted: what does this error mean?', true],
      ['hello', 'No error found in what you pasted', true],
      [
        'https://localhost:8081/oauthcallback.html?error=access_denied',
        'What does access_denied mean?',
        false,
      ],
      // An error code too long for a title is still found: the title says so without quoting it.
      [
        `error=invalid_grant_${'x'.repeat(60)}&error_description=authentication+failure`,
        'What does this error mean?',
        false,
      ],
    ];
    for (const [text, title, invalid] of cases) {
      const html = await (await postForm(stack, client, '/explain', '/explain', { text })).text();
      assert.equal(/<title>([^<]*)<\/title>/.exec(html)?.[1], `${title} · Salesforce OAuth playground`);
      assert.equal(/<textarea id="paste-text"[^>]*aria-invalid="true"/.test(html), invalid, text);
    }
  });

  test("the emulator's home page, and its login page after a refused login", async () => {
    const client = new TestClient();
    assert.equal(
      await titleOf(await client.get(`${stack.emulatorUrl}/`)),
      'Home · Local Salesforce emulator',
    );
    await client.get(`${stack.emulatorUrl}/setup`);
    const refused = await client.post(`${stack.emulatorUrl}/setup/login`, {
      csrf: '',
      username: stack.config.username,
      password: 'wrong',
    });
    assert.equal(await titleOf(refused), 'Login failed · Local Salesforce emulator');
  });

  test("the emulator's Setup after a refused change, and its device page after a wrong code", async () => {
    const { status, html } = await saveSettings(stack, { callbackUrls: 'not a url' });
    assert.equal(status, 400);
    assert.equal(
      /<title>([^<]*)<\/title>/.exec(html)?.[1],
      'App settings: nothing saved · Local Salesforce emulator',
    );
    // The answer opens at the list of errors, above a long form.
    assert.match(html, /<form method="post" action="\/setup#setup-errors" class="emu-settings">/);
    assert.match(html, /id="setup-errors"/);
    const client = new TestClient();
    const wrong = await client.post(`${stack.emulatorUrl}/setup/connect`, { user_code: 'WXYZ2345' });
    assert.equal(wrong.status, 400);
    const page = await wrong.text();
    assert.equal(/<title>([^<]*)<\/title>/.exec(page)?.[1], 'Code not accepted · Local Salesforce emulator');
    assert.match(page, /<input id="user_code"[^>]*aria-invalid="true" aria-describedby="code-error">/);
    assert.match(page, /id="code-error"/);
  });
});
