// The trouble-path browser tests' stacks: the app in emulator mode set to an API version no org offers, and an
// org-mode app pointed at an org of its own (another emulator) that does not know its consumer key.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestStack, TEST_ROOT, type TestStack } from './stack.ts';

export function startTroubleStack(): Promise<TestStack> {
  return startTestStack({ SF_API_VERSION: '99.0' });
}

export async function startUnknownKeyOrg(): Promise<{ org: TestStack; orgApp: TestStack }> {
  const org = await startTestStack({}, { emulatorOnly: true });
  const orgApp = await startTestStack(
    {
      SF_LOGIN_URL: org.emulatorUrl,
      SF_CLIENT_ID: '3MVG9NotThisOrgsKey',
      SF_USERNAME: 'admin@playground.local',
    },
    { extraCa: readFileSync(path.join(TEST_ROOT, 'certs', 'server.crt'), 'utf8') },
  );
  return { org, orgApp };
}
