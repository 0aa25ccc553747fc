import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { TokenType } from '@portcullis/sdk/contract';

const hostCookie = '__Host-portcullis-session';
const plainCookie = 'portcullis-session';

/**
 * Secure cookies everywhere except plain-http localhost, where browsers would drop them
 * (SECURITY.md 15). Behind a TLS proxy the Host is the public name, so cookies stay Secure.
 */
function isSecure(c: Context): boolean {
  const url = new URL(c.req.url);
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || !local;
}

/** The presented session token: a bearer header wins over a cookie, and names where it came from. */
export function readSessionToken(c: Context): { token: string; tokenType: TokenType } | null {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header);
    return match ? { token: match[1] as string, tokenType: 'bearer' } : null;
  }
  const cookie = getCookie(c, hostCookie) ?? getCookie(c, plainCookie);
  return cookie ? { token: cookie, tokenType: 'cookie' } : null;
}

/** HttpOnly, SameSite=Strict, Path=/, `__Host-` prefixed wherever it can be Secure. */
export function writeSessionCookie(c: Context, token: string, maxAgeMs: number): void {
  const secure = isSecure(c);
  setCookie(c, secure ? hostCookie : plainCookie, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  const secure = isSecure(c);
  deleteCookie(c, secure ? hostCookie : plainCookie, { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
}
