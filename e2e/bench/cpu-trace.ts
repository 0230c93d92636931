// Main-thread CPU figures from a Chrome trace (devtools.timeline): the wall-clock probe
// (probe.ts) also counts the time the renderer's main thread waits for a core, which on a
// loaded 2-core machine dwarfs the work itself. Trace events carry thread time (tdur).

export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface CpuFigures {
  /** main-thread CPU ms, all tasks' thread time */
  cpuMs: number;
  /** the longest main-thread task, by thread time and by wall time, ms */
  longestTaskCpuMs: number;
  longestTaskWallMs: number;
  /** tasks over 50 ms of thread time */
  tasksOver50msCpu: number;
}

export function cpuFigures(trace: Buffer | string): CpuFigures {
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  let cpu = 0;
  let longestCpu = 0;
  let longestWall = 0;
  let over = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    if (e.name !== 'RunTask') continue;
    const t = (e.tdur ?? 0) / 1000;
    cpu += t;
    longestCpu = Math.max(longestCpu, t);
    longestWall = Math.max(longestWall, (e.dur ?? 0) / 1000);
    if (t > 50) over++;
  }
  return {
    cpuMs: cpu,
    longestTaskCpuMs: longestCpu,
    longestTaskWallMs: longestWall,
    tasksOver50msCpu: over,
  };
}
