// The device flow's answered requests: the page after Allow or Deny, shown again when the browser comes back to it.
import type { Response } from 'express';
import type { DeviceAnswer, PendingDeviceCode } from '../devices.ts';

const TITLES: Record<DeviceAnswer, string> = {
  allow: 'Connected',
  deny: 'Access denied',
  'not-let-in': 'Not connected',
};

export const showConnected = (res: Response, answer: DeviceAnswer) =>
  res.render('emulator/connected', { title: TITLES[answer], answer });

/**
 * A request this browser answered, come back to (Back, or its form sent again): that answer, not "expired". The
 * answer is kept on the held code (pendingLogins.ts, its browser's newest ten), not in the session, which two tabs
 * answering at once would each save without the other's.
 */
export function showAnswered(res: Response, code: PendingDeviceCode | undefined): boolean {
  if (!code?.answer) return false;
  showConnected(res, code.answer);
  return true;
}
