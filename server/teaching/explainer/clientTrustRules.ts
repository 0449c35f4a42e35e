// A certificate not trusted by someone's own Java, Python or curl client, pasted: that client's own way to trust a
// root certificate, where the playground's card (Node's NODE_EXTRA_CA_CERTS) would change nothing for it.
import type { Rule } from './types.ts';

const MEANING =
  'Your client did not reach Salesforce: it refused the TLS certificate the server presented, as self-signed (this project’s local emulator’s is), expired, issued for another host name, or signed by a company proxy whose root certificate your client does not have.';
const EMULATOR = 'For this project’s local emulator, the root to trust is certs/server.crt.';
const NEVER =
  'Never turn certificate checks off (verify=False, curl -k, a trust-everything TrustManager): it sends secrets and tokens to anyone in the middle.';

export const CLIENT_TRUST_RULES: Rule[] = [
  {
    key: 'untrusted-certificate-java',
    error: 'untrusted_certificate',
    description: /PKIX path building failed|unable to find valid certification path/i,
    title: 'Your Java client does not trust the server’s certificate',
    likelyMeaning: MEANING,
    howToFix: `Put the root certificate in a trust store and run Java with it: keytool -importcert -noprompt -alias sf-root -file certs/server.crt -keystore truststore.p12 -storepass changeit, then java -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit … (or add it to the JDK's cacerts). ${EMULATOR}`,
    whatNotToDo: NEVER,
  },
  {
    key: 'untrusted-certificate-python',
    error: 'untrusted_certificate',
    // requests names its SSLError first; the reason after it may lie past the 200 characters kept of the line.
    description: /CERTIFICATE_VERIFY_FAILED|certificate verify failed|SSLError|SSLCertVerificationError/i,
    title: 'Your Python client does not trust the server’s certificate',
    likelyMeaning: MEANING,
    howToFix: `With requests, pass the root certificate's PEM file with each call: requests.post(url, data=…, verify="certs/server.crt"). Set on a Session instead (session.verify = …), it is overridden by a REQUESTS_CA_BUNDLE set in the environment: pass it with each call, or unset that variable. ${EMULATOR}`,
    whatNotToDo: NEVER,
  },
  {
    key: 'untrusted-certificate-curl',
    error: 'untrusted_certificate',
    description: /curl: \(60\)|SSL certificate problem/i,
    title: 'curl does not trust the server’s certificate',
    likelyMeaning: MEANING,
    howToFix: `Give curl the root certificate's PEM file: curl --cacert certs/server.crt …, run from the folder the path starts in. ${EMULATOR}`,
    whatNotToDo: NEVER,
  },
];
