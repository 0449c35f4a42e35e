// Two visitors running the same direct flow at the same moment, one with an org switch armed: each attempt meets
// exactly its own switches. The switch is bound to the grant_type both send, so the one with it runs alone (the
// requests are held at the emulator to replay the moment exactly).
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { postForm, runWebServerFlow } from '../../support/flows.ts';
import { whileHeld } from '../../support/held-requests.ts';
import { TestClient } from '../../support/http.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

/** Long enough for the app to begin a request's attempt (a few ms), were it not waiting for its turn. */
const GIVEN_TIME_MS = 300;

describe('break-it switches of simultaneous visitors', () => {
  let stack: TestStack;
  const armIpRestriction = async (client: TestClient) => {
    const armed = await postForm(stack, client, '/flows/jwt', '/teaching/break-it', {
      flow: 'jwt',
      faults: 'ip-restricted',
    });
    assert.equal(armed.status, 303);
  };
  const runJwt = (client: TestClient) =>
    postForm(stack, client, '/flows/jwt', '/flows/jwt').then((answer) => answer.headers.get('location'));
  const failure = async (client: TestClient) =>
    /<code>ip restricted<\/code>/.test(await (await client.get(`${stack.appUrl}/flows/jwt`)).text());

  before(async () => {
    stack = await startTestStack();
    await runWebServerFlow(stack, new TestClient()); // the admin approves the app, so the JWT grant can succeed
  });
  after(() => stack.close());

  /**
   * Two visitors' JWT runs at the same moment: the first one's token request is held at the emulator while the
   * second one starts, then both go on. Where each run landed, the first's and the second's.
   */
  const runTogether = async (first: TestClient, second: TestClient): Promise<(string | null)[]> => {
    let landed: (string | null)[] = [];
    await whileHeld(
      stack.emulatorServer!,
      '/services/oauth2/token',
      async (requests) => {
        const firstRun = runJwt(first);
        await requests.arrived;
        const secondRun = runJwt(second);
        await new Promise((resolve) => setTimeout(resolve, GIVEN_TIME_MS));
        // From now on requests are served at once; those held so far go on too.
        await requests.restore();
        requests.release();
        landed = await Promise.all([firstRun, secondRun]);
      },
      { host: new URL(stack.emulatorUrl).host },
    );
    return landed;
  };

  test('another visitor starting the flow while a switch waits neither takes it away nor meets it', async () => {
    const learner = new TestClient();
    const other = new TestClient();
    await armIpRestriction(learner);
    const [learners, others] = await runTogether(learner, other);
    assert.equal(learners, '/flows/jwt#teaching-heading', 'the learner’s switch was taken away');
    assert.equal(others, '/result');
    assert.ok(await failure(learner), 'the learner’s attempt met its own switch');
  });

  test('a switch armed while another visitor’s attempt is under way is not met by that attempt', async () => {
    const learner = new TestClient();
    const other = new TestClient();
    await armIpRestriction(learner);
    const [others, learners] = await runTogether(other, learner);
    assert.equal(others, '/result', 'another visitor met the learner’s switch');
    assert.equal(learners, '/flows/jwt#teaching-heading');
    assert.ok(await failure(learner));
    assert.ok(!(await failure(other)));
  });
});
