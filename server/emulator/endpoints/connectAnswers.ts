// The device flow's answered requests: the page after Allow or Deny, shown again when the browser comes back to it;
// and the page of a request no longer held.
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

/** A code this browser no longer holds (its page left open too long, or a code past its 10 minutes). */
export function expired() {
  return {
    title: 'Request expired',
    heading: 'This connection request has expired',
    // The request may be lost (its page left open) or its code past its 10 minutes: entering it again tells which.
    text: 'Enter the code your device shows again. If that code is refused, its 10 minutes are over: start again on the device for a new one.',
    code: 'expired',
    // The way on that the text asks for: the page where a code is typed, not only the emulator's home.
    next: { href: '/setup/connect', text: 'Enter the code again' },
  };
}
