// The device flow's answered requests: the page after Allow or Deny, shown again when the browser comes back to it.
import type { Request, Response } from 'express';
import type { DeviceAnswer } from '../login.ts';

/** The random id of a code this browser entered at /setup/connect (pending, then answered). */
export const PENDING_ID = /^[0-9a-f]{32}$/;

const TITLES: Record<DeviceAnswer, string> = {
  allow: 'Connected',
  deny: 'Access denied',
  'not-let-in': 'Not connected',
};

export const showConnected = (res: Response, answer: DeviceAnswer) =>
  res.render('emulator/connected', { title: TITLES[answer], answer });

/** Kept per browser, the newest `keep` only, so that Back to the approval page shows the answer given. */
export function recordAnswer(req: Request, id: string, answer: DeviceAnswer, keep: number): void {
  const answered = Object.entries({ ...req.session.sfDeviceAnswered, [id]: answer });
  req.session.sfDeviceAnswered = Object.fromEntries(answered.slice(-keep));
}

/** A request this browser answered, come back to (Back, or its form sent again): that answer, not "expired". */
export function showAnswered(req: Request, res: Response, id: unknown): boolean {
  const answered = req.session.sfDeviceAnswered;
  if (typeof id !== 'string' || !PENDING_ID.test(id) || !answered || !Object.hasOwn(answered, id))
    return false;
  showConnected(res, answered[id]);
  return true;
}
