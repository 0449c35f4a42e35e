// The APIs outside /services/data this emulator does not serve: SOAP (login(), Apex and Metadata), Apex REST,
// Bulk API 1.0, the Streaming API, the front door to the UI and dynamic client registration. Each answers in the
// form its clients read errors in, with words saying so and what to use instead, where a JSON 404 came out as raw
// JSON or as "resource does not exist" (a wrong URL, to its user).
import { Router } from 'express';
import { authenticate } from '../bearer.ts';
import type { EmulatorContext } from '../context.ts';
import { NOT_SERVED_HERE } from '../rest/restError.ts';
import { bearer } from '../rest/restHttp.ts';

const INVALID_SESSION = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];

const LOGIN_WHAT_TO_DO =
  `The SOAP API (login() included) ${NOT_SERVED_HERE}; Salesforce has no SOAP login() from API 65.0 (Winter '26) on, ` +
  "and retires it in the versions that still have it in Summer '27. Sign in with OAuth " +
  'instead: with jsforce, give the Connection an oauth2 option ({ loginUrl, clientId, clientSecret }) and login() ' +
  "uses the username-password flow, which the emulator's Setup page must allow first; better, use the JWT bearer or " +
  'client credentials flow.';

/** Which SOAP API a path names (/services/Soap/<letter>/<version>), and what to tell its caller, already signed in. */
const SOAP_APIS: Record<string, string> = {
  s: `The Apex SOAP API (executeAnonymous, which sf apex run uses) ${NOT_SERVED_HERE}: this emulator runs no Apex.`,
  m: `The Metadata API (deploy, retrieve and listMetadata, which sf project deploy and retrieve use) ${NOT_SERVED_HERE}.`,
  t: `The Tooling SOAP API ${NOT_SERVED_HERE}.`,
};

/**
 * A SOAP 1.1 fault (HTTP 500). Its detail carries sf:exceptionCode and sf:exceptionMessage, where SOAP clients read
 * them (simple_salesforce raises the two as SalesforceAuthenticationFailed); jsforce shows the faultstring. The code is a real one of
 * the SOAP API's; which one a real org would send here has no meaning, as a real org serves the call.
 */
const soapFault = (message: string) =>
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"' +
  ' xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_OPERATION</faultcode>' +
  `<faultstring>${message}</faultstring><detail><sf:UnexpectedErrorFault xsi:type="sf:UnexpectedErrorFault">` +
  `<sf:exceptionCode>INVALID_OPERATION</sf:exceptionCode><sf:exceptionMessage>${message}</sf:exceptionMessage>` +
  '</sf:UnexpectedErrorFault></detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>';

/**
 * Apex REST services are Apex classes of the org's own: with none, a real org answers this NOT_FOUND too. The note
 * says why there are none here.
 */
const APEX_REST_REFUSAL = [
  {
    errorCode: 'NOT_FOUND',
    message:
      'Could not find a match for URL (Local emulator: Apex REST services are Apex classes of a real org; ' +
      'this emulator runs no Apex.)',
  },
];

/** Bulk API 1.0's error document, which jsforce's bulk and simple_salesforce's bulk read exceptionMessage from. */
const BULK_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?><error xmlns="http://www.force.com/2009/06/asyncapi/dataload">' +
  `<exceptionCode>InvalidUrl</exceptionCode><exceptionMessage>Bulk API 1.0 (/services/async) ${NOT_SERVED_HERE}. ` +
  'Write records with sObject Collections (/composite/sobjects, 200 a call) or composite, which it serves.' +
  '</exceptionMessage></error>';

/**
 * The Streaming API's CometD endpoint: a Bayeux answer that the handshake failed, with advice not to reconnect, so
 * that a CometD client (jsforce's streaming, Faye) reports it once instead of retrying for ever.
 */
const STREAMING_REFUSAL = [
  {
    channel: '/meta/handshake',
    successful: false,
    error: `403::The Streaming API (CometD) ${NOT_SERVED_HERE}`,
    advice: { reconnect: 'none' },
  },
];

/**
 * The front door into Salesforce's own UI (`sf org open` asks singleaccess for a one-time frontdoor.jsp URL): the
 * emulator has no Lightning UI to open. In the JSON error form the CLI prints.
 */
const FRONT_DOOR_REFUSAL = [
  {
    errorCode: 'NOT_FOUND',
    message:
      `The front door to Salesforce's UI (singleaccess and frontdoor.jsp, which sf org open uses) ${NOT_SERVED_HERE}: ` +
      'it has no Lightning UI. Its own pages are its Setup and home pages.',
  },
];

/**
 * Dynamic client registration, which discovery lists as Salesforce's does: an OAuth error a client library reads
 * (RFC 7591 3.2.2 answers 400 with an error code), where a REST 404 read as a mistyped URL.
 */
const REGISTRATION_REFUSAL = {
  error: 'invalid_request',
  error_description: `Dynamic client registration (/services/oauth2/register) ${NOT_SERVED_HERE}. Use the emulator's own app: its consumer key, secret and callback URLs are on its Setup page (/setup).`,
};

export function unservedApisEndpoint(ctx: EmulatorContext): Router {
  const router = Router();
  router.all('/services/Soap/{*rest}', (req, res) => {
    const api = /^\/services\/Soap\/([a-z])\//i.exec(req.path)?.[1]?.toLowerCase() ?? '';
    const message = SOAP_APIS[api] ?? LOGIN_WHAT_TO_DO;
    res.status(500).type('text/xml').set('Cache-Control', 'no-store').send(soapFault(message));
  });
  router.all(['/services/oauth2/singleaccess', '/secur/frontdoor.jsp'], (req, res) => {
    res.status(404).set('Cache-Control', 'no-store');
    // frontdoor.jsp is where sf org open sends the browser: a page for it, the JSON error for the CLI.
    if (req.path.startsWith('/secur/') && req.accepts(['json', 'html']) === 'html') {
      return res.render('emulator/error', {
        title: 'Not served here',
        heading: "Salesforce's UI is not part of the local emulator",
        text: FRONT_DOOR_REFUSAL[0].message,
        code: 'not-served',
      });
    }
    const signedIn = authenticate(ctx, bearer(req));
    res.status(signedIn ? 404 : 401).json(signedIn ? FRONT_DOOR_REFUSAL : INVALID_SESSION);
  });
  // Like every API call, checked for a session first: a real org answers 401 before it looks for the service.
  router.all('/services/apexrest/{*rest}', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const signedIn = authenticate(ctx, bearer(req));
    res.status(signedIn ? 404 : 401).json(signedIn ? APEX_REST_REFUSAL : INVALID_SESSION);
  });
  router.all('/services/async/{*rest}', (_req, res) => {
    res.status(404).type('application/xml').set('Cache-Control', 'no-store').send(BULK_ERROR);
  });
  router.all('/services/oauth2/register', (_req, res) => {
    res.status(400).set('Cache-Control', 'no-store').json(REGISTRATION_REFUSAL);
  });
  router.all('/cometd/{*rest}', (_req, res) => {
    res.status(200).set('Cache-Control', 'no-store').json(STREAMING_REFUSAL);
  });
  return router;
}
