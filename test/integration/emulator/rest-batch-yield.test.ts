// A long /composite/batch shares the process with the app: other calls are answered between its subrequests, and
// a token revoked meanwhile is refused to the subrequests after it.
import assert from '../../support/assert.ts';
import { after, before, describe, test } from 'node:test';
import { TestClient } from '../../support/http.ts';
import { restClientFor, type RestTestClient } from '../../support/rest.ts';
import { startTestStack, type TestStack } from '../../support/stack.ts';

describe('emulator: a long composite batch', () => {
  let stack: TestStack;
  let rest: RestTestClient;
  before(async () => {
    stack = await startTestStack();
    rest = await restClientFor(stack);
  });
  after(() => stack.close());

  /**
   * A batch that creates an Account named `marker`, then runs 24 queries long enough to take a while to parse
   * (each its own: no parse is reused). Resolves once another call sees the Account, with whether the batch had
   * answered by then, and the batch's answer.
   */
  const longBatch = async (client: RestTestClient, marker: string) => {
    const slowQuery = (n: number) =>
      `SELECT Id FROM Account WHERE ${Array.from({ length: 900 }, (_, i) => `Name = '${marker}_${n}_${i}'`).join(' OR ')}`;
    const batch = client.post('/composite/batch', {
      batchRequests: [
        { method: 'POST', url: 'v66.0/sobjects/Account', richInput: { Name: marker } },
        ...Array.from({ length: 24 }, (_, n) => ({
          method: 'GET',
          url: `v66.0/query?q=${encodeURIComponent(slowQuery(n))}`,
        })),
      ],
    });
    let answered = false;
    void batch.then(() => (answered = true));
    const count = async () =>
      (await rest.query(`SELECT COUNT() FROM Account WHERE Name = '${marker}'`)).body.totalSize as number;
    // Ends when the Account is seen, or fails if the batch answered first without it.
    while ((await count()) === 0) assert.equal(answered, false, 'the batch created its Account');
    return { answeredBeforeSeen: answered, batch };
  };

  test('answers other calls between the subrequests of a long batch: the app shares its process', async () => {
    const { answeredBeforeSeen, batch } = await longBatch(rest, `BatchMarker${Date.now()}`);
    assert.equal(answeredBeforeSeen, false, 'another call was answered before the batch ended');
    const { body } = await batch;
    assert.equal(body.hasErrors, false);
    assert.equal(body.results.length, 25);
  });

  test('a token revoked while its batch runs: the later subrequests are answered as that token is', async () => {
    const own = await restClientFor(stack);
    const { batch } = await longBatch(own, `RevokedMarker${Date.now()}`);
    const revoked = await new TestClient().post(`${stack.emulatorUrl}/services/oauth2/revoke`, {
      token: own.token,
    });
    assert.equal(revoked.status, 200);
    const { body } = await batch;
    assert.equal(body.hasErrors, true);
    const last = body.results.at(-1);
    assert.equal(last.statusCode, 401);
    assert.deepEqual(last.result, [
      { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
    ]);
  });
});
