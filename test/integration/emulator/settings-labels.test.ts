// The emulator's setup page names each setting as Salesforce's Setup does (salesforce-wire-flows.md §3.4, §10.1),
// so that what a learner finds here is what they look for in a real org.
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
    assert.match(page, /<legend>Permitted Users<\/legend>/);
    assert.match(page, /<label for="runAsUserId">Run As /);
  });
});
