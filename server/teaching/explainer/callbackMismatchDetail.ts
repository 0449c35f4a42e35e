// What a redirect_uri_mismatch explanation says of the URL sent: this app knows what it sent and its own callback
// (SF_CALLBACK_URL, or its own address on PORT when that is not set), never the list registered on the org's app.
import type { ExplainContext } from './types.ts';

const COMPARE = "Compare it, character by character, with the app's Callback URL list";

export function callbackMismatchDetail(c: ExplainContext): string | undefined {
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
