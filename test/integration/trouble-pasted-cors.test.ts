// The paste-an-error page on a browser's CORS refusals (Chrome, Firefox, Safari console lines): each read as the
// browser keeping Salesforce's answer from the page, with the card for the endpoint it called, the call's query left
// out.
import assert from '../support/assert.ts';
import { describe, test } from 'node:test';
import { TestClient } from '../support/http.ts';
import { firstCard, leadOf, pageText, pasteStack } from '../support/paste.ts';

const CHROME_TAIL =
  "has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";

describe('the trouble path: a browser’s CORS refusals', () => {
  const pastes = pasteStack();
  const { explain } = pastes;

  test('each endpoint gets its own card, naming the setting that would allow the call', async () => {
    const cases: [string, string, RegExp][] = [
      [
        `Access to fetch at 'https://login.salesforce.com/services/oauth2/token' from origin 'http://localhost:3000' ${CHROME_TAIL}`,
        "A page's script cannot call login.salesforce.com's token endpoint",
        /Call your org's My Domain instead/,
      ],
      [
        `Access to XMLHttpRequest at 'https://acme.my.salesforce.com/services/oauth2/token' from origin 'https://app.example.com' ${CHROME_TAIL}`,
        'CORS is not on for the OAuth endpoints, or not for this origin',
        /Setup → CORS: tick Enable CORS for OAuth endpoints/,
      ],
      [
        `Access to fetch at 'https://acme.my.salesforce.com/services/oauth2/authorize?response_type=code&client_id=3MVG9abc' (redirected from 'http://localhost:3000/login') from origin 'http://localhost:3000' ${CHROME_TAIL}`,
        'The authorize endpoint is a page to open, not a call to fetch',
        /window\.location\.assign/,
      ],
      [
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://acme.my.salesforce.com/services/oauth2/userinfo. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 403.",
        "The org's CORS allowlist does not name your page's origin",
        /Setup → CORS → New/,
      ],
      [
        `Access to fetch at 'https://login.salesforce.com/id/00D5g000004ABCDEAU/0055g000003XYZ1AAB' from origin 'http://localhost:3000' ${CHROME_TAIL}`,
        'The identity URL is not among the endpoints Salesforce opens to CORS',
        /Ask \/services\/oauth2\/userinfo on your My Domain instead/,
      ],
      [
        '[Error] Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 403\n[Error] Fetch API cannot load https://acme.my.salesforce.com/services/apexrest/orders due to access control checks.',
        "The org's CORS allowlist does not name your page's origin",
        /scheme, host and port/,
      ],
      [
        'Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 403',
        "The browser kept Salesforce's answer from your page (CORS)",
        /Or make the call from your own server/,
      ],
    ];
    for (const [pasted, card, fix] of cases) {
      const html = await explain(pasted);
      assert.equal(firstCard(html), card, pasted);
      assert.match(pageText(html), fix, pasted);
      assert.match(leadOf(html), /^Your browser kept the answer from the page's script \(CORS\)/, pasted);
      assert.doesNotMatch(pageText(html), /no-cors' to fetch the resource|Salesforce answered cors_blocked/);
      // The emulator has the same settings (Setup's Org: CORS): a paste here may come from it.
      if (card !== 'The authorize endpoint is a page to open, not a call to fetch')
        assert.match(
          pageText(html),
          /If the error came from the local emulator: its app and org settings are on the emulator's Setup page/,
          pasted,
        );
    }
  });

  test('a call sent with credentials (cookies) gets its own card, in each browser’s words', async () => {
    const rest = 'https://acme.my.salesforce.com/services/data/v66.0/limits';
    for (const pasted of [
      `Access to fetch at '${rest}' from origin 'https://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' when the request's credentials mode is 'include'.`,
      `Access to XMLHttpRequest at 'https://acme.my.salesforce.com/services/oauth2/token' from origin 'https://localhost:3000' has been blocked by CORS policy: The value of the 'Access-Control-Allow-Credentials' header in the response is 'false' which must be 'true' when the request's credentials mode is 'include'. The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.`,
      `Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at ${rest}. (Reason: expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
      `[Error] Credentials flag is true, but Access-Control-Allow-Credentials is not "true".\n[Error] Fetch API cannot load ${rest} due to access control checks.`,
    ]) {
      const html = await explain(pasted);
      assert.equal(firstCard(html), 'The page asked the browser to send cookies with the call', pasted);
      assert.match(pageText(html), /credentials: 'include'/, pasted);
      assert.match(pageText(html), /withCredentials/, pasted);
      assert.doesNotMatch(pageText(html), /does not name your page's origin/, pasted);
    }
  });

  test('Firefox’s refusals of a listed origin (a header or method its preflight did not allow) are read too', async () => {
    const html = await explain(
      'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://acme.my.salesforce.com/services/data/v66.0/sobjects/Account. (Reason: header ‘x-foo’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).',
    );
    assert.match(leadOf(html), /^Your browser kept the answer from the page's script \(CORS\)/);
  });

  test('a call to the login host rather than My Domain (the emulator’s too) is told so, not only the setting', async () => {
    const loginHost = pastes.stack.emulatorUrl;
    for (const [path, card] of [
      [
        '/services/data/v66.0/query?q=SELECT+Id+FROM+Account',
        "The org's CORS allowlist does not name your page's origin",
      ],
      ['/services/oauth2/userinfo', "The org's CORS allowlist does not name your page's origin"],
      ['/services/oauth2/token', 'CORS is not on for the OAuth endpoints, or not for this origin'],
    ]) {
      const html = await explain(
        `Access to fetch at '${loginHost}${path}' from origin 'https://localhost:3000' ${CHROME_TAIL}`,
      );
      assert.equal(firstCard(html), card, path);
      assert.match(
        pageText(html),
        new RegExp(
          `In this request: The call went to ${loginHost.replace(/[.]/g, '\\.')}, the generic login host, .*instance_url`,
        ),
        path,
      );
    }
    // Salesforce's own login host, for the REST API.
    const html = await explain(
      `Access to fetch at 'https://login.salesforce.com/services/data/v66.0/limits' from origin 'https://localhost:3000' ${CHROME_TAIL}`,
    );
    assert.match(
      pageText(html),
      /In this request: The call went to https:\/\/login\.salesforce\.com, the generic/,
    );
    // My Domain itself is no login host.
    const myDomain = await explain(
      `Access to fetch at '${pastes.stack.instanceUrl}/services/oauth2/token' from origin 'https://localhost:3000' ${CHROME_TAIL}`,
    );
    assert.doesNotMatch(pageText(myDomain), /the generic login host/);
  });

  test('the fix names the origin the browser named, the entry the allowlist needs, and says when none can name it', async () => {
    const rest = 'https://acme.my.salesforce.com/services/data/v62.0/query?q=SELECT+Id+FROM+Account';
    const cases: [string, RegExp][] = [
      [
        'https://localhost:5173',
        /In this request: Your page's origin, as your browser named it: https:\/\/localhost:5173\. Add exactly that to the allowlist\./,
      ],
      [
        'http://app.example.com',
        /In this request: Your page's origin, as your browser named it: http:\/\/app\.example\.com\. The allowlist takes http:\/\/ only for localhost: serve the page over https and add https:\/\/app\.example\.com\./,
      ],
      [
        'null',
        /In this request: Your browser named the page's origin null: the page was opened from a file \(file:\/\/\) or runs in a sandboxed frame, and no allowlist entry can name that\. Serve it from a web server \(http:\/\/localhost:<port> while you develop\) and add that origin\./,
      ],
    ];
    for (const [origin, detail] of cases) {
      const text = pageText(
        await explain(`Access to fetch at '${rest}' from origin '${origin}' ${CHROME_TAIL}`),
      );
      assert.match(text, detail, origin);
      // The example origin is one, not the reader's.
      assert.doesNotMatch(text, /scheme, host and port \(http:\/\/localhost:3000\)/, origin);
      assert.match(text, /scheme, host and port, such as http:\/\/localhost:3000/, origin);
      // The general rule never tells to add the origin as named: for null or an http:// host other than localhost,
      // the line above says no entry can be that.
      assert.doesNotMatch(text, /exactly as the browser names it/, origin);
    }
    // Firefox's line names no origin: no such sentence, the general rule alone.
    const firefox = pageText(
      await explain(
        "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://acme.my.salesforce.com/services/oauth2/userinfo. (Reason: CORS header 'Access-Control-Allow-Origin' missing). Status code: 403.",
      ),
    );
    assert.doesNotMatch(firefox, /In this request/);
  });

  test('a console of several blocked calls says one is explained, and to paste each other alone', async () => {
    const lines = [
      `Access to fetch at 'https://login.salesforce.com/services/oauth2/userinfo' from origin 'http://localhost:3000' ${CHROME_TAIL}`,
      'GET https://login.salesforce.com/services/oauth2/userinfo net::ERR_FAILED 403 (Forbidden)',
      `Access to fetch at 'https://acme.my.salesforce.com/services/oauth2/token' from origin 'http://localhost:3000' ${CHROME_TAIL}`,
    ];
    assert.match(
      pageText(await explain(lines.join('\n'))),
      /Your paste holds 2 errors: this page explains one of them\. Paste each of the others alone/,
    );
    // One call, however many lines its browser gave it (Safari: two), is one error.
    for (const one of [
      lines.slice(0, 2).join('\n'),
      '[Error] Origin http://localhost:3000 is not allowed by Access-Control-Allow-Origin. Status code: 403\n[Error] Fetch API cannot load https://acme.my.salesforce.com/services/apexrest/orders due to access control checks.',
    ])
      assert.doesNotMatch(pageText(await explain(one)), /Your paste holds/, one);
  });

  test("the call is quoted without its query, which may hold a query's words or a secret sent by mistake", async () => {
    const html = await explain(
      `Access to fetch at 'https://acme.my.salesforce.com/services/oauth2/token?grant_type=password&client_secret=9F1A2B3C4D5E6F70A' from origin 'http://localhost:3000' ${CHROME_TAIL}`,
    );
    assert.match(
      leadOf(html),
      /The call: https:\/\/acme\.my\.salesforce\.com\/services\/oauth2\/token from origin http:\/\/localhost:3000\.$/,
    );
    assert.doesNotMatch(html, /9F1A2B3C4D5E6F70A/);
  });

  test("the user-agent flow's page says where a page of one's own meets CORS, and links the card", async () => {
    const client = new TestClient();
    const page = await (await client.get(`${pastes.stack.appUrl}/flows/user-agent`)).text();
    assert.match(
      pageText(page),
      /only when the org's CORS allowlist \(Setup → CORS\) names the page's origin/,
    );
    const link = /<a href="(\/explain\?error=cors_blocked)">error explainer<\/a>/.exec(page);
    assert.ok(link, 'a link to the CORS card');
    const card = await (await client.get(`${pastes.stack.appUrl}${link[1]}`)).text();
    assert.equal(firstCard(card), "The browser kept Salesforce's answer from your page (CORS)");
  });
});
