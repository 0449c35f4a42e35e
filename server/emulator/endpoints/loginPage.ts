// Renders the emulator's one login page, for an authorization request or for Setup.
import type { Response } from 'express';

export interface LoginPage {
  /** Where the form posts: the authorize login or the setup login. */
  action: string;
  /** Hidden fields that tie the form to this browser's request (pending id or CSRF token). */
  hidden: Record<string, string>;
  username: string;
  error?: string;
  /** Why a login is asked for, when it is not an authorization (Setup). */
  purpose?: string;
  /** Why this login is asked again (another tab logged out): announced as the page opens, the cursor being below. */
  notice?: string;
  /** Where "Not you?" posts (with the same hidden fields) when a username is already filled in. */
  switchAction?: string;
}

/** Above the login form when an approval page is answered after another tab logged this browser out. */
export const LOGGED_OUT =
  'This browser is no longer logged in here (another tab or window chose “Not you?” or logged out): log in, then choose again.';

export function renderLogin(res: Response, page: LoginPage): void {
  res.render('emulator/login', {
    purpose: undefined,
    notice: undefined,
    error: undefined,
    switchAction: undefined,
    ...page,
    title: page.error ? 'Login failed' : 'Login',
  });
}
