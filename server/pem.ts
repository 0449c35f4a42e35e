// PEM recognisers shared by the app and the emulator: never offer or accept a private key as a certificate.
import { X509Certificate } from 'node:crypto';

/** Any PEM private key (PKCS#8, PKCS#1, EC, encrypted); whitespace-tolerant so a mangled paste is still caught. */
const PRIVATE_KEY_MARKER = /-----BEGIN [A-Z ]*PRIVATE\s+KEY-----/;

export function containsPrivateKey(text: string): boolean {
  return PRIVATE_KEY_MARKER.test(text);
}

export function isCertificatePem(text: string): boolean {
  return text.includes('-----BEGIN CERTIFICATE-----') && !containsPrivateKey(text);
}

/** How many certificates a PEM text holds (a chain pasted whole holds several). */
export const certificatesIn = (pem: string): number => pem.split('-----BEGIN CERTIFICATE-----').length - 1;

/** Whether Node reads the PEM text as an X.509 certificate (its first, when it holds several). */
export function parsesAsCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
