/** What an otpauth:// URI says, for showing the account and secret beside the QR code. */
export interface OtpauthParameters {
  type: 'totp' | 'hotp';
  issuer: string | undefined;
  account: string;
  secret: string;
  algorithm: string;
  digits: number;
  period: number;
}

/** Reads an `otpauth://totp/Issuer:account?secret=…` URI; throws a TypeError for anything else. */
export function parseOtpauthUri(uri: string): OtpauthParameters {
  const url = new URL(uri);
  const type = url.host;
  if (url.protocol !== 'otpauth:' || (type !== 'totp' && type !== 'hotp')) throw new TypeError('Not an otpauth URI');
  const label = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const [labelIssuer, account] = label.includes(':')
    ? [label.slice(0, label.indexOf(':')), label.slice(label.indexOf(':') + 1)]
    : [undefined, label];
  const secret = url.searchParams.get('secret');
  if (!secret || !/^[A-Z2-7]+=*$/i.test(secret)) throw new TypeError('The otpauth URI has no Base32 secret');
  return {
    type,
    issuer: url.searchParams.get('issuer') ?? labelIssuer,
    account: (account ?? '').trim(),
    secret: secret.toUpperCase(),
    algorithm: (url.searchParams.get('algorithm') ?? 'SHA1').toUpperCase(),
    digits: Number(url.searchParams.get('digits') ?? 6),
    period: Number(url.searchParams.get('period') ?? 30),
  };
}

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: groups of four, for typing into an app by hand. */
export function formatSecret(secret: string): string {
  return secret
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
