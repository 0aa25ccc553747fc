/**
 * A `portcullis-server` process the tests started, once it says where it listens: the e2e
 * journeys, the several-instance tests and the consumer tests each spawn it their own way and
 * wait for it here.
 */
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** Everything the process wrote to standard error. */
  log(): string;
  /** Ends the process (SIGTERM) unless it has already ended. */
  stop(): Promise<void>;
}

/** Resolves when the server prints "running at <url>/"; rejects, with its errors, if it never does. */
export async function listening(child: ChildProcess): Promise<ServerProcess> {
  let errors = '';
  child.stderr!.on('data', (chunk) => (errors += chunk));
  for await (const line of createInterface({ input: child.stdout! })) {
    const match = /running at (http:\/\/\S+?)\/ /.exec(line);
    if (match) {
      return {
        url: match[1]!,
        process: child,
        log: () => errors,
        stop: () =>
          new Promise((resolve) =>
            child.exitCode !== null || child.signalCode !== null
              ? resolve()
              : (child.once('exit', () => resolve()), child.kill()),
          ),
      };
    }
  }
  throw new Error(`portcullis-server did not start: ${errors}`);
}
