// The emulator's setup page names each setting as Salesforce's Setup does (salesforce-wire-flows.md §3.4, §10.1),
// so that what a learner finds here is what they look for in a real org, and says in a line what each does on the
// wire, where its start differs from a new app's, and what is this emulator's guess.
import assert from '../../support/assert.ts';
import { describe, test } from 'node:test';
import { setupSession } from '../../support/emulator-setup.ts';
import { settingsStack } from '../../support/settings-stack.ts';

/** Salesforce's Connected App labels, as the references give them, each a checkbox's or radio's label here. */
const BOX_LABELS = [
  'All users may self-authorize',
  'Admin approved users are pre-authorized',
  'Require Secret for Web Server Flow',
  'Require Secret for Refresh Token Flow',
  'Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows',
  'Enable Client Credentials Flow',
  'Enable for Device Flow',
  'Enable Refresh Token Rotation',
  'Refresh token is valid until revoked',
  'Immediately expire refresh token',
  'Allow OAuth Username-Password Flows',
  'Allow OAuth User-Agent Flows',
];

describe('emulator: the setup page names settings as Salesforce does', () => {
  const emulator = settingsStack();

  test("labels every switch with Salesforce's own label, in its case", async () => {
    const { page } = await setupSession(emulator.stack);
    const escaped = (text: string) => text.replace(/[()]/g, '\\$&');
    for (const label of BOX_LABELS) {
      assert.match(page, new RegExp(`> ${escaped(label)}</label>`), label);
    }
    // Selected OAuth Scopes: by the permission's name, the scope after it, as on the approval page.
    assert.match(page, /value="api" checked> Manage user data via APIs \(api\)<\/label>/);
    assert.match(
      page,
      /value="refresh_token" checked> Perform requests at any time \(refresh_token\)<\/label>/,
    );
    assert.match(page, /<legend>Selected OAuth Scopes<\/legend>/);
    assert.match(page, /<legend>Permitted Users<\/legend>/);
    assert.match(page, /<label for="runAsUserId">Run As /);
  });

  test('says what each switch does on the wire, and where the emulator starts otherwise than a new app', async () => {
    const { page } = await setupSession(emulator.stack);
    const text = page
      .replace(/<[^>]+>/g, '')
      .replace(/&#39;/g, "'")
      .replace(/\s+/g, ' ');
    const hints = [
      // Permitted Users (wire §5.3, §7.1).
      /Admin approved: only users of the profiles ticked below; any other is refused with invalid_app_access \(JWT bearer: user hasn't approved this consumer; username-password: authentication failure\)/,
      // The secrets and PKCE (wire §3.3, wire-flows §3.1, §10).
      /A wrong secret answers invalid_client \/ invalid client credentials, and here a missing one too \(Salesforce's answer to that is unconfirmed\)/,
      // The references document no check of a secret sent while its switch is off: said as the emulator's choice.
      /a secret that is sent is checked even with its switch off \(the safe choice: whether Salesforce checks it then is unconfirmed\)/,
      /PKCE starts off, as a Connected App's is taken to \(unconfirmed\); an External Client App's starts on/,
      // Client credentials: ticked here, off in a new External Client App's policies (wire-flows §1.4).
      /Here the box starts ticked \(an External Client App's policy starts off\)/,
      /Device flow starts on here, so that it works at once/,
      // Rotation and the policy (wire-flows §3.3, §3.4).
      /using an old one again revokes the grant's current tokens too/,
      /Checked when a refresh token is used: past its policy it answers invalid_grant \/ expired access\/refresh token; access tokens already issued keep working until their session ends/,
      // The user-agent block's answer is this emulator's choice.
      /Off, the emulator sends every response_type=token login back with unauthorized_client in the fragment \(Salesforce's exact answer is unconfirmed\)/,
    ];
    for (const hint of hints) assert.match(text, hint);
  });
});
