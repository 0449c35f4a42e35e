// The playground in org mode against an org of its own on this machine (another emulator, as `npm run emulator`
// plays one): the demo app's consumer key and secret, the demo user, and the emulators' certificate trusted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EMULATOR_DEFAULTS } from '../../server/config.ts';
import { startTestStack, testCertsFolder, type TestStack } from './stack.ts';

type StackOptions = NonNullable<Parameters<typeof startTestStack>[1]>;

/** `loginUrl` is the org's (its login host or its My Domain); `env` adds to or overrides the settings. */
export async function startOrgModeApp(
  loginUrl: string,
  env: Record<string, string> = {},
  options: Omit<StackOptions, 'extraCa'> = {},
): Promise<TestStack> {
  return startTestStack(
    {
      SF_LOGIN_URL: loginUrl,
      SF_CLIENT_ID: EMULATOR_DEFAULTS.clientId,
      SF_CLIENT_SECRET: EMULATOR_DEFAULTS.clientSecret,
      SF_USERNAME: EMULATOR_DEFAULTS.username,
      ...env,
    },
    { ...options, extraCa: readFileSync(path.join(await testCertsFolder(), 'server.crt'), 'utf8') },
  );
}
