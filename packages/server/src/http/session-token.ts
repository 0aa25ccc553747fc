import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';
import type { TokenType } from '@portcullis/sdk/contract';
import { addResponseHeader } from './api-response.ts';
import type { AppEnv } from './env.ts';

/**
 * The presented session token: a bearer header wins over a cookie, and names where it came from.
 * Only the cookie whose name belongs to this origin is read, so a sibling host cannot plant an
 * unprefixed cookie beside a `__Host-` one (cookie tossing, security rule 27, docs/architecture.md).
 */
export function readSessionToken(c: Context<AppEnv>): { token: string; tokenType: TokenType } | null {
  const header = c.req.header('authorization');
  if (header !== undefined) {
    const match = /^Bearer ([A-Za-z0-9_-]{20,128})$/.exec(header);
    return match ? { token: match[1] as string, tokenType: 'bearer' } : null;
  }
  const cookie = getCookie(c, c.get('origin').cookieName);
  return cookie ? { token: cookie, tokenType: 'cookie' } : null;
}

/**
 * HttpOnly, SameSite=Strict, Path=/; `__Host-` prefixed and Secure wherever the origin is https
 * (security rule 15, docs/architecture.md), which plain-http localhost is not.
 */
export function writeSessionCookie(c: Context<AppEnv>, token: string, maxAgeMs: number): void {
  const { cookieName, secure } = c.get('origin');
  addResponseHeader(
    c,
    'set-cookie',
    generateCookie(cookieName, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure,
      path: '/',
      maxAge: Math.floor(maxAgeMs / 1000),
    }),
  );
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  const { cookieName, secure } = c.get('origin');
  addResponseHeader(
    c,
    'set-cookie',
    generateCookie(cookieName, '', { path: '/', secure, httpOnly: true, sameSite: 'Strict', maxAge: 0 }),
  );
}
