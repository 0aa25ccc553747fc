import { readdirSync, readlinkSync, realpathSync } from 'node:fs';

/**
 * The other processes that have `path` open, found through `/proc` (Linux): how `rotate-key`
 * tells that a server still holds a SQLite database (#28 F2). Empty where `/proc` is not there
 * or not readable: the check helps where it can, the help text asks to stop every server anyway.
 */
export function processesWithFileOpen(path: string): number[] {
  let target: string;
  let pids: string[];
  try {
    target = realpathSync(path);
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid);
  } catch {
    return [];
  }
  const found: number[] = [];
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    if (fds.some((fd) => linkOf(`/proc/${pid}/fd/${fd}`) === target)) found.push(Number(pid));
  }
  return found;
}

function linkOf(path: string): string | null {
  try {
    return readlinkSync(path);
  } catch {
    return null;
  }
}
