/** Argon2id parameters: OWASP's minimum, m=19 MiB, t=2, p=1 (security rule 5, docs/architecture.md). */
export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export const argon2Defaults: Argon2Params = { memoryKiB: 19456, iterations: 2, parallelism: 1 };

/** Hashes passwords into PHC strings; verification must never block the event loop. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(phc: string, password: string): Promise<boolean>;
  /** True when a stored hash was made with other parameters and should be replaced at login. */
  needsRehash(phc: string): boolean;
}

export interface ParsedPhc {
  params: Argon2Params;
  salt: Uint8Array;
  hash: Uint8Array;
}

/** Reads `$argon2id$v=19$m=…,t=…,p=…$salt$hash`; null for anything else. */
export function parseArgon2idPhc(phc: string): ParsedPhc | null {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!match) return null;
  const [, m, t, p, salt, hash] = match as unknown as [string, string, string, string, string, string];
  return {
    params: { memoryKiB: Number(m), iterations: Number(t), parallelism: Number(p) },
    salt: fromPhcBase64(salt),
    hash: fromPhcBase64(hash),
  };
}

export function formatArgon2idPhc({ params, salt, hash }: ParsedPhc): string {
  const { memoryKiB, iterations, parallelism } = params;
  return `$argon2id$v=19$m=${memoryKiB},t=${iterations},p=${parallelism}$${toPhcBase64(salt)}$${toPhcBase64(hash)}`;
}

export function sameParams(phc: string, params: Argon2Params): boolean {
  const parsed = parseArgon2idPhc(phc);
  return (
    parsed !== null &&
    parsed.params.memoryKiB === params.memoryKiB &&
    parsed.params.iterations === params.iterations &&
    parsed.params.parallelism === params.parallelism
  );
}

// PHC strings use standard base64 without padding.
function toPhcBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, '');
}

export function fromPhcBase64(text: string): Uint8Array {
  const binary = atob(text + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
