// A call that got no usable HTTP answer (refused, unreachable, timed out, untrusted certificate, or too large to
// read), as one typed error.
import { SalesforceError } from './errors.ts';

/** TLS verification failures, as Node names them: the server's certificate is not one this app trusts. */
const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/;

/** The request never got an answer: refused connection, DNS, timeout, or a certificate this app does not trust. */
export function networkError(url: string, cause: unknown, timeoutMs: number): SalesforceError {
  const origin = new URL(url).origin;
  const failure = cause as { name?: string; code?: string; message?: string } | undefined;
  if (failure?.name === 'AbortError' || failure?.name === 'TimeoutError') {
    return new SalesforceError(
      'timeout',
      `no answer from ${origin} within ${timeoutMs / 1000} s`,
      0,
      '',
      'network',
    );
  }
  if (failure?.code && CERTIFICATE_CODES.test(failure.code)) {
    return new SalesforceError(
      'untrusted_certificate',
      `${origin} presented a certificate this app does not trust (${failure.code})`,
      0,
      '',
      'network',
    );
  }
  const reason = failure?.message ?? String(cause);
  return new SalesforceError('network_error', `no answer from ${origin}: ${reason}`, 0, '', 'network');
}

/** An answer cut off at `maxBytes`: one came, so "no answer" would mislead; this app stopped reading it. */
export function tooLarge(
  url: string,
  error: unknown,
  maxBytes: number,
): (Error & { description: string }) | undefined {
  if ((error as { type?: unknown } | undefined)?.type !== 'max-size') return undefined;
  const description = `the answer from ${new URL(url).origin} is over ${maxBytes / 1024 / 1024} MB, larger than any Salesforce answer this app reads: it stopped reading`;
  return Object.assign(new Error(description), { description });
}
