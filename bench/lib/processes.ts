import { existsSync, readdirSync, readFileSync } from 'node:fs';

// Linux /proc readings for a process tree (npm start is node → tsx → node running main.ts).

export function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...childPids(out[i] as number));
  return out.filter((p) => existsSync(`/proc/${p}`));
}

/** VmRSS and VmHWM (peak resident set) in bytes, or null once the process is gone. */
export function memoryOf(pid: number): { rss: number; hwm: number; cmdline: string } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    return { rss: kib('VmRSS'), hwm: kib('VmHWM'), cmdline };
  } catch {
    return null;
  }
}

/** Samples the summed RSS of a process tree until stopped; `peak` is the largest sum seen. */
export function sampleTreeRss(rootPid: number, everyMs = 25) {
  let peak = 0;
  const sample = () => {
    const sum = processTree(rootPid).reduce((total, pid) => total + (memoryOf(pid)?.rss ?? 0), 0);
    peak = Math.max(peak, sum);
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

export const mib = (bytes: number) => bytes / 1024 / 1024;
