// Someone's own client refusing what it was sent, pasted: a certificate its Java, .NET, Python or curl does not
// trust (that client's way to trust a root, where Node's NODE_EXTRA_CA_CERTS would change nothing for it).
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
    description:
      /PKIX path building failed|unable to find valid certification path|No subject alternative|CertificateExpiredException/i,
    title: 'Your Java client does not trust the server’s certificate',
    likelyMeaning: MEANING,
    howToFix: `Put the root certificate in a trust store and run Java with it: keytool -importcert -noprompt -alias sf-root -file certs/server.crt -keystore truststore.p12 -storepass changeit, then java -Djavax.net.ssl.trustStore=truststore.p12 -Djavax.net.ssl.trustStorePassword=changeit … (or add it to the JDK's cacerts). ${EMULATOR} "No subject alternative … matching" is no matter of trust: call the host name the certificate was issued for; a CertificateExpiredException needs a renewed certificate.`,
    whatNotToDo: NEVER,
  },
  {
    key: 'untrusted-certificate-dotnet',
    error: 'untrusted_certificate',
    description: /remote certificate is invalid|SSL connection could not be established/i,
    title: 'Your .NET client does not trust the server’s certificate',
    likelyMeaning: MEANING,
    howToFix: `The reason is at the end of the inner exception: UntrustedRoot or RemoteCertificateChainErrors is a root your machine does not trust. .NET trusts the operating system's roots: on Windows, import the root into Trusted Root Certification Authorities (Import-Certificate -FilePath certs\\server.crt -CertStoreLocation Cert:\\CurrentUser\\Root); on Linux, copy it to /usr/local/share/ca-certificates/ with a .crt name and run update-ca-certificates. RemoteCertificateNameMismatch is no matter of trust: call the host name the certificate was issued for. ${EMULATOR}`,
    whatNotToDo: `${NEVER} In .NET that is a ServerCertificateCustomValidationCallback that returns true.`,
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
    // libcurl's words, which the programs built on it print too (PHP's Guzzle as "cURL error 60", Insomnia).
    description:
      /curl: \(60\)|SSL certificate problem|cURL error 60|SSL peer certificate or SSH remote key was not OK/i,
    title: 'curl does not trust the server’s certificate',
    likelyMeaning: MEANING,
    howToFix: `Give curl the root certificate's PEM file: curl --cacert certs/server.crt …, run from the folder the path starts in. A program built on libcurl says the same, and takes the file its own way: PHP's Guzzle as its verify option ('verify' => 'certs/server.crt'), a desktop client such as Insomnia as a CA certificate in its settings. ${EMULATOR}`,
    whatNotToDo: NEVER,
  },
];
