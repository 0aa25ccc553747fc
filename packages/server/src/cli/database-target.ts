import { UsageError } from './usage-error.ts';

/** Where the data lives: a SQLite file (the default) or a PostgreSQL database (several instances). */
export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export function database(value: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      new URL(value);
    } catch {
      throw new UsageError('--db: not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: value };
  }
  if (value.trim() === '') throw new UsageError('--db: give a SQLite file path or a postgres:// URL');
  return { kind: 'sqlite', path: value };
}

export const defaultDatabase = './data/portcullis.db';
