// The setup guide and doctor: the current configuration, "Check my setup" (each probe a leg with a pass or fail and
// the fix), what to enter in Salesforce for each flow, and the public certificate to upload.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import type { Attempt } from '../attempts/attempt.ts';
import { CertificateError, readPemFile } from '../certChecks.ts';
import { HttpError } from '../errors.ts';
import { certificateCommand, isOwnKey, keyMatchesCertificate } from '../flows/jwtKeyCheck.ts';
import { runDoctor } from '../flows/setupDoctor.ts';
import { hostKind, orgOnThisMachine } from '../hostKinds.ts';
import { isCertificatePem } from '../pem.ts';
import { browserLoginUrl } from '../configPublic.ts';
import { clockSkewCheck } from '../teaching/checks.ts';
import { entryView } from '../teaching/transcript.ts';
import { attemptLog } from './attemptTranscript.ts';
import type { Services } from './services.ts';

declare module 'express-session' {
  interface SessionData {
    /** The last "Check my setup": its legs and checks. */
    doctor?: Pick<Attempt, 'transcript' | 'checks' | 'startedAt'>;
  }
}

/** When deleted files are made again: the app checks and makes its pairs as it starts, never while it runs. */
const NEW_PAIR_AT_START = 'the app makes a new pair when it next starts';

export function setupPages(services: Services): Record<'guide' | 'check' | 'certificate', RequestHandler> {
  const { config, now } = services;
  const certFile = path.join(config.certsDir, 'jwt.crt');
  const overview: [string, string][] = [
    [
      'Mode',
      config.mode === 'emulator'
        ? 'local emulator (no org needed)'
        : orgOnThisMachine(config)
          ? 'org mode, an org on this machine'
          : 'real org',
    ],
    ['Login host', `${config.loginUrl} (${hostKind(config.loginUrl)} host)`],
    ['My Domain', config.myDomainUrl ?? 'unknown: set SF_MY_DOMAIN for the client credentials flow'],
    ['Consumer key', `${config.clientId.slice(0, 6)}… (${config.clientId.length} characters)`],
    [
      'Consumer secret',
      config.clientSecret ? 'configured (never shown)' : 'none: a public client, PKCE only',
    ],
    ['Username (JWT bearer)', config.username],
    ['JWT audience', config.audience],
    ['Callback URL', config.callbackUrl],
    ['JWT signing key', path.relative(process.cwd(), config.jwtKeyFile) || config.jwtKeyFile],
    ['API version', config.apiVersion ?? 'the newest the org offers'],
    ['Sessions', config.redisUrl ? 'in Redis (REDIS_URL)' : 'in memory (a restart signs everyone out)'],
  ];
  // With a key of one's own, certs/jwt.crt is offered only when it is that key's partner: any other would fail.
  const certificateOffer = () => {
    const ownKey = isOwnKey(config.jwtKeyFile, certFile);
    const offered = !ownKey || keyMatchesCertificate(config.jwtKeyFile, certFile).passed;
    return {
      ownKey,
      offered,
      makeOne: offered ? undefined : certificateCommand(config.jwtKeyFile, certFile),
    };
  };
  return {
    guide(req, res) {
      const doctor = req.session?.doctor;
      const skew = doctor ? clockSkewCheck(doctor.transcript) : undefined;
      const checks = doctor ? (skew ? [...doctor.checks, skew] : doctor.checks) : [];
      // The tab's title says how the check went, as a failed flow's does: heard first, whatever is in view.
      const failed = checks.filter((check) => check.performed !== false && !check.passed).length;
      res.set('Cache-Control', 'no-store').render('setup-guide', {
        title:
          failed > 0 ? `Setup guide: ${failed} ${failed > 1 ? 'checks' : 'check'} failed` : 'Setup guide',
        callbackUrl: config.callbackUrl,
        // What the flows ask for (SF_SCOPES): the app must allow each, or Salesforce answers invalid_scope.
        scopes: config.scopes.split(/\s+/).filter(Boolean),
        certificate: certificateOffer(),
        emulatorSetupUrl: config.mode === 'emulator' ? `${browserLoginUrl(config)}/setup` : undefined,
        overview,
        // What start-up printed, here too: the guide's values (the callback's above all) read as settled otherwise.
        warnings: config.warnings,
        doctor: doctor && {
          at: new Date(doctor.startedAt).toISOString(),
          checks,
          legs: doctor.transcript.map((entry) => entryView(entry, [])),
        },
      });
    },
    async check(req, res) {
      const record = { transcript: [], checks: [], startedAt: now() };
      const log = attemptLog({ ...record, id: 'doctor', flow: 'web-server', faults: [] });
      await runDoctor({ config, api: services.api, now, log });
      req.session.doctor = record;
      // The report itself, not the top of its section: the settings list above it filled the screen.
      res.redirect(303, '/setup#doctor-result');
    },
    // Only ever the certificate: a file holding a private key is refused, whatever its name. Moved, unreadable,
    // overwritten or replaced since the start (which checked it): the learner's file, named with its fix, in a 409.
    certificate(_req, res) {
      const pem = readCertificate(certFile, config.jwtKeyFile);
      if (!keyMatchesCertificate(config.jwtKeyFile, certFile).passed) {
        const { ownKey } = certificateOffer();
        throw new HttpError(
          409,
          'Not the certificate of your key',
          ownKey
            ? `certs/jwt.crt is not the partner of SF_JWT_KEY_FILE (${config.jwtKeyFile}): upload the certificate made with that key instead.`
            : `${certFile} is no longer the certificate of ${config.jwtKeyFile}, which signs the assertions: restore it, or delete both (${NEW_PAIR_AT_START}).`,
        );
      }
      res.type('application/x-pem-file').attachment('jwt.crt').send(pem);
    },
  };
}

/** The certificate file's PEM, or a 409 saying why it cannot be offered (a restart helps only a missing file). */
function readCertificate(certFile: string, keyFile: string): string {
  let pem: string;
  try {
    pem = readPemFile(certFile);
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    const missing = !existsSync(certFile);
    throw new HttpError(
      409,
      'No certificate to download',
      `${error.message}${missing ? ` (${NEW_PAIR_AT_START})` : ''}.`,
    );
  }
  if (!isCertificatePem(pem)) {
    throw new HttpError(
      409,
      'Not a certificate',
      `${certFile} no longer holds a PEM certificate: restore it, or delete it and ${keyFile} (${NEW_PAIR_AT_START}).`,
    );
  }
  return pem;
}
