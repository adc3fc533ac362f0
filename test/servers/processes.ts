/**
 * Process bookkeeping through /proc, so stopping the stack ends exactly the processes it
 * started: each server's master, and every process in the session the master leads.
 */
import { readdirSync, readFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface ProcStat {
  readonly state: string;
  readonly ppid: number;
  readonly session: number;
}

function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp session ..."; comm may contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '?', ppid: Number(fields[1]), session: Number(fields[3]) };
}

function isZombie(pid: number): boolean {
  return readStat(pid)?.state === 'Z';
}

/** The command line of a process, '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

function allPids(): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number);
}

/**
 * The master and everything it spawned: its descendants, plus (when the master is a session
 * leader, as both daemons make themselves) every process in its session. Never this process.
 */
export function processFamily(masterPid: number): number[] {
  const stats = new Map<number, ProcStat>();
  for (const pid of allPids()) {
    const stat = readStat(pid);
    if (stat !== undefined && stat.state !== 'Z') stats.set(pid, stat);
  }
  const family = new Set<number>();
  const master = stats.get(masterPid);
  if (master === undefined) return [];
  family.add(masterPid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (!family.has(pid) && family.has(stat.ppid)) {
        family.add(pid);
        grew = true;
      }
    }
  }
  if (master.session === masterPid) {
    for (const [pid, stat] of stats) if (stat.session === masterPid) family.add(pid);
  }
  family.delete(process.pid);
  return [...family];
}

export function signal(pids: readonly number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Already gone: that is the goal.
    }
  }
}

export async function waitUntil(condition: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}
