import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import * as z from 'zod/mini';
import { importUserSchema, maxImportBatch, type ImportUser } from '@portcullis/sdk/contract';
import { createNativeArgon2Hasher } from '../crypto/native-argon2-hasher.ts';
import { createImportedHashVerifier } from '../crypto/node-imported-hashes.ts';
import { DomainError } from '../domain/errors.ts';
import { noRequest, type EventActor } from '../domain/events.ts';
import { importIntoOrganization } from '../domain/org/user-import.ts';
import { commonPasswordList } from '../node.ts';
import { createServices } from '../services.ts';
import type { OrganizationRecord, Store } from '../store/store.ts';
import { OperatorError } from './operator-config.ts';

/**
 * `import-users --org ID FILE.jsonl`: one user per line (the API's row: `username`,
 * `passwordHash` or `password`, `totpSecret`, `mfaRequired`), imported in batches of 1,000, each
 * batch all or nothing, with a progress line per batch and a summary. A refused batch stops the
 * run and names every bad line; the batches before it stay imported, and `--skip-existing` then
 * resumes (rows whose username is taken are left out instead of refused).
 */
export async function importUsersFromFile(
  store: Store,
  secretKey: Uint8Array,
  org: OrganizationRecord,
  operator: string,
  file: string,
  options: { skipExisting: boolean; now?: () => number },
): Promise<void> {
  const services = createServices({
    store,
    hasher: createNativeArgon2Hasher(),
    importedHashes: createImportedHashVerifier(),
    secretKey,
    commonPasswords: commonPasswordList(),
    logger: { info() {}, error() {} },
    ...(options.now ? { clock: { now: options.now } } : {}),
  });
  const actor: EventActor = { id: 'operator', username: `operator:${operator}`, orgId: org.id };
  const started = performance.now();
  let imported = 0;
  let skipped = 0;
  let batch: ImportUser[] = [];
  let firstLine = 1;
  let lineNumber = 0;

  const flush = async () => {
    if (batch.length === 0) return;
    try {
      const result = await importIntoOrganization(services, org, actor, batch, noRequest, {
        skipExisting: options.skipExisting,
      });
      imported += result.users.length;
      skipped += result.skipped;
    } catch (error) {
      if (!(error instanceof DomainError) || !error.rows) throw error;
      const lines = error.rows.map((row) => `  line ${firstLine + row.index}: ${row.code}: ${row.detail}`);
      throw new OperatorError(
        `import-users: lines ${firstLine}–${firstLine + batch.length - 1} were refused (nothing of them imported; ${imported} imported before):\n${lines.join('\n')}\nFix them and run again with --skip-existing to resume.`,
      );
    }
    const seconds = (performance.now() - started) / 1000;
    console.error(
      `imported ${imported.toLocaleString('en')}${skipped ? `, skipped ${skipped.toLocaleString('en')} existing` : ''} (through line ${lineNumber.toLocaleString('en')}, ${Math.round((imported + skipped) / seconds).toLocaleString('en')} users/s)`,
    );
    batch = [];
    firstLine = lineNumber + 1;
  };

  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  try {
    for await (const text of lines) {
      lineNumber++;
      if (text.trim() === '') {
        if (batch.length === 0) firstLine = lineNumber + 1;
        else batch.push({ username: '' }); // keeps line numbers; refused as a bad row
        continue;
      }
      let row: unknown;
      try {
        row = JSON.parse(text);
      } catch {
        throw new OperatorError(`import-users: line ${lineNumber} is not JSON`);
      }
      const parsed = z.safeParse(importUserSchema, row);
      if (!parsed.success) {
        throw new OperatorError(
          `import-users: line ${lineNumber}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ')}`,
        );
      }
      batch.push(parsed.data);
      if (batch.length === maxImportBatch) await flush();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new OperatorError(`import-users: no file at ${file}`);
    throw error;
  }
  await flush();
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `Imported ${imported.toLocaleString('en')} users into ${org.name}${skipped ? ` (skipped ${skipped.toLocaleString('en')} that exist already)` : ''} in ${seconds.toFixed(1)} s, ${Math.round((imported + skipped) / Math.max(seconds, 0.001)).toLocaleString('en')} users/s.`,
  );
}
