// /services/Soap/…: the SOAP API, which this emulator does not serve. jsforce's Connection.login() without an
// oauth2 option posts SOAP login() here; a SOAP fault (HTTP 500, as SOAP 1.1 sends faults) whose faultstring says
// what to do instead is what such a client shows, where a JSON 404 came out as raw JSON.
import { Router } from 'express';

const WHAT_TO_DO =
  'The SOAP API (login() included) is not served by this local emulator (an emulator limit); Salesforce retires ' +
  "SOAP login() in Summer '27. Sign in with OAuth instead: with jsforce, give the Connection an oauth2 option " +
  "({ loginUrl, clientId, clientSecret }) and login() uses the username-password flow, which the emulator's " +
  'Setup page must allow first; better, use the JWT bearer or client credentials flow.';

const FAULT =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault>' +
  `<faultcode>soapenv:Server</faultcode><faultstring>${WHAT_TO_DO}</faultstring>` +
  '</soapenv:Fault></soapenv:Body></soapenv:Envelope>';

export function soapEndpoint(): Router {
  const router = Router();
  router.all('/services/Soap/{*rest}', (_req, res) => {
    res.status(500).type('text/xml').set('Cache-Control', 'no-store').send(FAULT);
  });
  return router;
}
