/**
 * The admin session as the server hands it over after /auth or /load: a JSON block in the page
 * (src/http/routes/admin/admin-page.ts), read once and removed, never put in a URL, a cookie or storage.
 * The address bar then drops `signed_payload_jwt` (or the install code) for the app's own address.
 */
export interface SessionHandover {
  readonly token: string;
  readonly expires_at: string;
  readonly store: { readonly hash: string; readonly timezone: string };
  readonly user: { readonly email: string };
  readonly just_installed: boolean;
}

export const SESSION_HANDOVER_ID = 'backorder-session';

/** Where the app lives; the router's base. */
export const APP_BASE = '/admin';

function isHandover(value: unknown): value is SessionHandover {
  const v = value as Partial<SessionHandover> | null;
  return (
    typeof v?.token === 'string' &&
    typeof v.expires_at === 'string' &&
    typeof v.store?.hash === 'string' &&
    typeof v.store.timezone === 'string' &&
    typeof v.user?.email === 'string' &&
    typeof v.just_installed === 'boolean'
  );
}

/** Reads the handover out of the page and removes it; null when the page has none (a reload). */
export function takeHandover(doc: Document): SessionHandover | null {
  const element = doc.getElementById(SESSION_HANDOVER_ID);
  if (element === null) return null;
  element.remove();
  try {
    const parsed: unknown = JSON.parse(element.textContent ?? '');
    return isHandover(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The address the app shows after the handover: under /admin, never the callback's query (which
 * carries signed_payload_jwt or the install code). /auth and /load open the app on its home screen.
 */
export function addressAfterHandover(location: Pick<Location, 'pathname' | 'hash'>): string {
  return location.pathname.startsWith(`${APP_BASE}/`) ? location.pathname : `${APP_BASE}/`;
}
