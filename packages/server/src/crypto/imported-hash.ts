import { fromPhcBase64, parseArgon2idPhc, type PasswordHasher } from './password-hasher.ts';

/**
 * Password hashes brought over by user import (#19), in the PHC or modular-crypt strings the
 * systems people leave write: Argon2id and Argon2i, bcrypt (`$2a$`, `$2b$`, `$2y$`), scrypt and
 * PBKDF2 as passlib writes them. Only reading them is ours; verifying is the maintained
 * libraries' (`crypto/node-imported-hashes.ts`). Each format has a cost limit, checked at import
 * and again before every verification, so a hostile hash cannot stall the server.
 */
export type ParsedImportedHash =
  | { format: 'argon2id' | 'argon2i'; memoryKiB: number; iterations: number; parallelism: number }
  | { format: 'bcrypt'; cost: number }
  | { format: 'scrypt'; logN: number; r: number; p: number; salt: Uint8Array; hash: Uint8Array }
  | { format: 'pbkdf2-sha256' | 'pbkdf2-sha512'; iterations: number; salt: Uint8Array; hash: Uint8Array };

export interface HashRefusal {
  code: 'invalid_hash' | 'unsupported_hash';
  detail: string;
}

/** The most any imported hash may cost to verify: about a second of one core at the worst. */
export const importedHashLimits = {
  argon2: { memoryKiB: 262_144, iterations: 10, parallelism: 8 },
  bcrypt: { minCost: 4, maxCost: 14 },
  scrypt: { maxLogN: 20, maxR: 32, maxP: 16, maxMemoryBytes: 256 * 1024 * 1024 },
  pbkdf2: { maxIterations: 2_000_000 },
} as const;

const invalid = (detail: string): HashRefusal => ({ code: 'invalid_hash', detail });
const tooCostly = (what: string): HashRefusal =>
  invalid(`Its cost (${what}) is above what this server verifies; rehash it with a lower cost first.`);

const standardB64 = /^[A-Za-z0-9+/]+$/;
/** passlib's "adapted base64": `.` instead of `+`, no padding. */
const adaptedB64 = /^[A-Za-z0-9./]+$/;

function decode(text: string, adapted: boolean): Uint8Array | null {
  if (!(adapted ? adaptedB64 : standardB64).test(text)) return null;
  try {
    return fromPhcBase64(adapted ? text.replaceAll('.', '+') : text);
  } catch {
    return null;
  }
}

function parseArgon2(text: string): ParsedImportedHash | HashRefusal {
  const match =
    /^\$(argon2id|argon2i)\$v=(\d+)\$m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
      text,
    );
  if (!match) return invalid('Not an Argon2 PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash).');
  const [, format, version, m, t, p, salt, hash] = match as unknown as string[];
  if (version !== '19')
    return { code: 'unsupported_hash', detail: `Argon2 version ${version}: only 19 (1.3) is read.` };
  if (!decode(salt!, false) || !decode(hash!, false)) return invalid('Its salt or hash is not base64.');
  const parsed = { memoryKiB: Number(m), iterations: Number(t), parallelism: Number(p) };
  const limit = importedHashLimits.argon2;
  if (
    parsed.memoryKiB > limit.memoryKiB ||
    parsed.iterations > limit.iterations ||
    parsed.parallelism > limit.parallelism
  )
    return tooCostly(`m=${m},t=${t},p=${p}`);
  if (parsed.iterations < 1 || parsed.parallelism < 1 || parsed.memoryKiB < 8 * parsed.parallelism)
    return invalid('Its parameters are out of range.');
  return { format: format as 'argon2id' | 'argon2i', ...parsed };
}

function parseBcrypt(text: string): ParsedImportedHash | HashRefusal {
  const match = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/.exec(text);
  if (!match) return invalid('Not a bcrypt string ($2b$NN$ and 53 characters).');
  const cost = Number(match[1]);
  if (cost < importedHashLimits.bcrypt.minCost) return invalid(`bcrypt cost ${cost} is out of range.`);
  if (cost > importedHashLimits.bcrypt.maxCost) return tooCostly(`bcrypt ${cost}`);
  return { format: 'bcrypt', cost };
}

function parseScrypt(text: string): ParsedImportedHash | HashRefusal {
  const match = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(text);
  if (!match) return invalid('Not a scrypt string ($scrypt$ln=…,r=…,p=…$salt$hash).');
  const [, ln, r, p, salt, hash] = match as unknown as string[];
  const parsed = { logN: Number(ln), r: Number(r), p: Number(p) };
  const limit = importedHashLimits.scrypt;
  if (parsed.logN < 1 || parsed.r < 1 || parsed.p < 1) return invalid('Its parameters are out of range.');
  if (
    parsed.logN > limit.maxLogN ||
    parsed.r > limit.maxR ||
    parsed.p > limit.maxP ||
    128 * parsed.r * 2 ** parsed.logN > limit.maxMemoryBytes
  )
    return tooCostly(`ln=${ln},r=${r},p=${p}`);
  const saltBytes = decode(salt!, false);
  const hashBytes = decode(hash!, false);
  if (!saltBytes || !hashBytes || hashBytes.length < 16) return invalid('Its salt or hash is not base64.');
  return { format: 'scrypt', ...parsed, salt: saltBytes, hash: hashBytes };
}

function parsePbkdf2(text: string): ParsedImportedHash | HashRefusal {
  const match = /^\$pbkdf2-(sha256|sha512)\$(\d{1,10})\$([A-Za-z0-9./]+)\$([A-Za-z0-9./]+)$/.exec(text);
  if (!match) return invalid('Not a PBKDF2 string as passlib writes it ($pbkdf2-sha256$rounds$salt$hash).');
  const [, digest, rounds, salt, hash] = match as unknown as string[];
  const iterations = Number(rounds);
  if (iterations < 1) return invalid('Its rounds are out of range.');
  if (iterations > importedHashLimits.pbkdf2.maxIterations) return tooCostly(`${rounds} rounds`);
  const saltBytes = decode(salt!, true);
  const hashBytes = decode(hash!, true);
  if (!saltBytes || !hashBytes || hashBytes.length !== (digest === 'sha256' ? 32 : 64))
    return invalid('Its salt or hash is not adapted base64 of the right length.');
  return {
    format: `pbkdf2-${digest}` as 'pbkdf2-sha256' | 'pbkdf2-sha512',
    iterations,
    salt: saltBytes,
    hash: hashBytes,
  };
}

/** Reads an imported hash, or says why it cannot be taken. */
export function parseImportedHash(text: string): ParsedImportedHash | HashRefusal {
  if (text.length > 512) return invalid('Longer than any hash this server reads.');
  if (text.startsWith('$argon2id$') || text.startsWith('$argon2i$')) return parseArgon2(text);
  if (/^\$2[aby]\$/.test(text)) return parseBcrypt(text);
  if (text.startsWith('$scrypt$')) return parseScrypt(text);
  if (text.startsWith('$pbkdf2-')) return parsePbkdf2(text);
  return {
    code: 'unsupported_hash',
    detail: 'Use $argon2id$, $argon2i$, bcrypt ($2a$, $2b$, $2y$), $scrypt$, $pbkdf2-sha256$ or $pbkdf2-sha512$.',
  };
}

export const isRefusal = (parsed: ParsedImportedHash | HashRefusal): parsed is HashRefusal => 'code' in parsed;

/** Verifies an imported hash with its own algorithm; never throws for a mismatch. */
export interface ImportedHashVerifier {
  verify(parsed: ParsedImportedHash, hash: string, password: string): Promise<boolean>;
}

/**
 * The server's hasher, also verifying imported hashes: our Argon2id strings go to it as before;
 * any other string is read again (with its cost limit) and verified by its own algorithm. It
 * then needs a rehash (`needsRehash`), so the first sign-in replaces it with our Argon2id.
 */
export function withImportedHashes(hasher: PasswordHasher, imported: ImportedHashVerifier): PasswordHasher {
  return {
    hash: (password) => hasher.hash(password),
    needsRehash: (stored) => hasher.needsRehash(stored),
    async verify(stored, password) {
      if (parseArgon2idPhc(stored)) {
        const parsed = parseImportedHash(stored);
        // An imported Argon2id string is ours in form: verified by the hasher, within the limit.
        return isRefusal(parsed) ? false : hasher.verify(stored, password);
      }
      const parsed = parseImportedHash(stored);
      return isRefusal(parsed) ? false : imported.verify(parsed, stored, password);
    },
  };
}
