// PEM recognisers shared by the app and the emulator: never offer or accept a private key as a certificate.

/** Any PEM private key (PKCS#8, PKCS#1, EC, encrypted); whitespace-tolerant so a mangled paste is still caught. */
const PRIVATE_KEY_MARKER = /-----BEGIN [A-Z ]*PRIVATE\s+KEY-----/;

export function containsPrivateKey(text: string): boolean {
  return PRIVATE_KEY_MARKER.test(text);
}

export function isCertificatePem(text: string): boolean {
  return text.includes('-----BEGIN CERTIFICATE-----') && !containsPrivateKey(text);
}
