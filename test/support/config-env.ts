// What the configuration tests share: a root folder, a minimal real-org environment (with or without a secret),
// and reading a refusal.
import assert from './assert.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';

export const ROOT = '/srv/playground';

export const ORG = {
  SF_LOGIN_URL: 'https://login.salesforce.com',
  SF_CLIENT_ID: '3MVG9abc',
  SF_USERNAME: 'me@acme.com',
};

/** Org mode with a secret: no public-client note among the warnings. */
export const WITH_SECRET = { ...ORG, SF_CLIENT_SECRET: 'S3CRET' };

/** The one-line message loadConfig stops start-up with; fails the test when it accepts the environment. */
export function configError(env: Record<string, string>): string {
  try {
    loadConfig(env, ROOT);
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    assert.ok(!error.message.includes('\n'), 'the message is one line');
    return error.message;
  }
  throw new Error('loadConfig accepted a wrong configuration');
}
