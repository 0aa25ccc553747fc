import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The built `portcullis-server` command, as an operator runs it. */
export const serverBin = fileURLToPath(new URL('../bin/portcullis-server.js', import.meta.url));

/** Starts the built server on a database and a free port; resolves once it listens. */
export async function startBuiltServer(db: string, env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [serverBin, '--db', db, '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const match = /running at (http:\/\/\S+?)\/ /.exec(line);
    if (match) return { url: match[1]!, stop: () => child.kill() };
  }
  throw new Error('portcullis-server did not start');
}
