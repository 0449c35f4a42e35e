// The redirect_uri_mismatch explanation: the callback URL sent is not one the app lists. This app knows what it sent
// and its own callback (SF_CALLBACK_URL, or its own address on PORT when that is not set), never the org's list.
import { APP_MANAGER, type ExplainContext, type Rule } from './types.ts';

const COMPARE = "Compare it, character by character, with the app's Callback URL list";

export const REDIRECT_URI_MISMATCH: Rule = {
  key: 'redirect-uri-mismatch',
  restartAfter: true,
  error: 'redirect_uri_mismatch',
  title: 'The callback URL does not match the app',
  likelyMeaning:
    "redirect_uri must equal one of the app's callback URLs exactly: scheme, host, port, path and trailing slash. localhost and 127.0.0.1 are different.",
  howToFix: `Add the exact URL to the app's Callback URL list (${APP_MANAGER} → Edit → OAuth settings). Or, when the registered one is https://localhost on another port, start the playground on that port (PORT, which SF_CALLBACK_URL follows unless it is set); set SF_CALLBACK_URL to it only when a tunnel or proxy brings that address to this app.`,
  whatNotToDo: 'Do not register a wildcard or a broad URL: the callback is where codes and tokens are sent.',
  detail: callbackMismatchDetail,
};

function callbackMismatchDetail(c: ExplainContext): string | undefined {
  if (!c.redirectUri) return undefined;
  const ours = c.callbackFromPort
    ? "this playground's callback (on its PORT, as SF_CALLBACK_URL is not set)"
    : 'SF_CALLBACK_URL here';
  if (c.configuredCallback && c.configuredCallback !== c.redirectUri)
    return `Sent: ${c.redirectUri}, though ${ours} is ${c.configuredCallback}.`;
  // Not set, the callback moves with PORT: an app registered with the playground on 8081 refuses it on 9000.
  if (c.callbackFromPort)
    return `Sent: ${c.redirectUri}, the playground's own callback on its port (PORT; SF_CALLBACK_URL is not set). ${COMPARE}: when it lists this address on another port, start the playground with PORT set to that port.`;
  return `Sent: ${c.redirectUri} (SF_CALLBACK_URL). ${COMPARE}.`;
}
