/** A row as a driver returns it: column name → value. */
export type Row = Record<string, unknown>;

/**
 * What the SQL store needs from a database: statements with `?` placeholders, in or out of a
 * transaction. SQLite and PostgreSQL each provide one; the store's SQL is written once against it.
 * Booleans travel as 0 and 1 and times as integer milliseconds, which both databases keep alike.
 */
export interface SqlExecutor {
  all<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  get<T = Row>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  /** Runs a statement; answers how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface SqlDatabase extends SqlExecutor {
  /** The few places where the two dialects differ. */
  readonly dialect: {
    readonly name: 'sqlite' | 'postgres';
    /** Locks the selected rows until the transaction ends (PostgreSQL); SQLite's writes are serial anyway. */
    readonly forUpdate: string;
    /** Locks the selected rows against changes, not against other readers that lock them the same way. */
    readonly forShare: string;
  };
  /**
   * Runs `fn` as one transaction: committed when it returns, rolled back when it throws. Inside,
   * statements go through the given executor.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /**
   * Inside a transaction: takes the named lock if no other transaction, on any instance, holds it;
   * held until the transaction ends. False when another has it.
   */
  tryLock(tx: SqlExecutor, name: string): Promise<boolean>;
  /**
   * Marks this process as a server on the database until it closes (PostgreSQL: a shared
   * advisory lock on a connection of its own). SQLite cannot tell this way: the CLI looks for
   * other processes with the file open instead.
   */
  holdInstanceLock(): Promise<void>;
  /** Inside a transaction: true when no server holds the instance lock (held until the transaction ends). */
  noServerRunning(tx: SqlExecutor): Promise<boolean>;
  /** Inside a transaction: waits for the named lock, held until the transaction ends. */
  lock(tx: SqlExecutor, name: string): Promise<void>;
  /** Answers when the database can be reached; throws StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An insert that broke a unique constraint (a taken username, say). */
export class UniqueViolation extends Error {
  override name = 'UniqueViolation';
}
