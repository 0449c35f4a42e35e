// The setup guide: what to enter in Salesforce for each flow, and the public certificate to upload.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { HttpError } from '../errors.ts';
import { isCertificatePem } from '../pem.ts';
import type { Services } from './services.ts';

export function setupPages({ config }: Services): { guide: RequestHandler; certificate: RequestHandler } {
  const certFile = path.join(config.certsDir, 'jwt.crt');
  return {
    guide(_req, res) {
      res.render('setup-guide', { title: 'Setup guide', callbackUrl: config.callbackUrl });
    },
    // Only ever the certificate: a file holding a private key is refused, whatever its name.
    certificate(_req, res) {
      const pem = readFileSync(certFile, 'utf8');
      if (!isCertificatePem(pem)) {
        throw new HttpError(
          500,
          'Not a certificate',
          'certs/jwt.crt does not hold a certificate; regenerate it (see certs/README.md).',
        );
      }
      res.type('application/x-pem-file').attachment('jwt.crt').send(pem);
    },
  };
}
