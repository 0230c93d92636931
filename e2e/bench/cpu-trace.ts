// Main-thread CPU figures from a Chrome trace (devtools.timeline): the wall-clock probe
// (probe.ts) also counts the time the renderer's main thread waits for a core, which on a
// loaded 2-core machine dwarfs the work itself. Trace events carry thread time (tdur).

export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing', // performance marks (probe.ts RUNNING_MARK)
];

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
  /** main-thread CPU ms by trace event name (self time: children subtracted), largest first */
  selfMsByEvent: [name: string, ms: number][];
  /** main-thread CPU ms in tasks that started at or after the performance mark `since` (null: no such mark) */
  cpuMsSinceMark: number | null;
}

export function cpuFigures(trace: Buffer | string, since = ''): CpuFigures {
  const parsed = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = new Set<string>();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  const mark = since ? events.find((e) => e.name === since && main.has(`${e.pid}:${e.tid}`)) : undefined;
  let cpuSince = 0;
  let cpu = 0;
  let longestCpu = 0;
  let longestWall = 0;
  let over = 0;
  for (const e of events) {
    if (e.ph !== 'X' || !main.has(`${e.pid}:${e.tid}`)) continue;
    if (e.name !== 'RunTask') continue;
    const t = (e.tdur ?? 0) / 1000;
    cpu += t;
    if (mark && e.ts >= mark.ts) cpuSince += t;
    longestCpu = Math.max(longestCpu, t);
    longestWall = Math.max(longestWall, (e.dur ?? 0) / 1000);
    if (t > 50) over++;
  }
  return {
    cpuMs: cpu,
    longestTaskCpuMs: longestCpu,
    longestTaskWallMs: longestWall,
    tasksOver50msCpu: over,
    cpuMsSinceMark: mark ? cpuSince : null,
    selfMsByEvent: selfTimes(events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))),
  };
}

/**
 * Thread time of complete events on one thread, each event's children (events nested in
 * its wall-time span) subtracted: where the main thread's CPU went, by event name.
 */
function selfTimes(events: TraceEvent[]): [string, number][] {
  const sorted = events
    .filter((e) => e.tdur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: { end: number; name: string }[] = [];
  for (const e of sorted) {
    while (stack.length && stack[stack.length - 1].end <= e.ts) stack.pop();
    const t = (e.tdur ?? 0) / 1000;
    self.set(e.name, (self.get(e.name) ?? 0) + t);
    const parent = stack[stack.length - 1];
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - t);
    stack.push({ end: e.ts + (e.dur ?? 0), name: e.name });
  }
  return [...self.entries()]
    .map(([n, ms]): [string, number] => [n, +ms.toFixed(1)])
    .filter(([, ms]) => ms >= 0.5)
    .sort((a, b) => b[1] - a[1]);
}
