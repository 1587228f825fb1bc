/**
 * Progress of `ingest --all`: a one-line bar redrawn on a terminal, plain lines otherwise. Pure
 * formatting; the caller keeps the counts and the clock.
 */

export interface ProgressState {
  /** Sources in this run (skipped ones from the results file excluded). */
  total: number;
  ok: number;
  failed: number;
  elapsedMs: number;
}

/** `1h02m`, `3m07s`, `42s`. Pure. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Finished servers a minute, and the time left at that rate (undefined before the first finishes). Pure. */
export function rateAndEta(state: ProgressState): { perMinute: number; etaMs?: number } {
  const done = state.ok + state.failed;
  if (done === 0 || state.elapsedMs <= 0) return { perMinute: 0 };
  const perMinute = done / (state.elapsedMs / 60_000);
  return { perMinute, etaMs: ((state.total - done) / perMinute) * 60_000 };
}

function figures(state: ProgressState): string {
  const done = state.ok + state.failed;
  const left = Math.max(0, state.total - done);
  const { perMinute, etaMs } = rateAndEta(state);
  const eta = etaMs === undefined ? 'ETA ?' : `ETA ${formatDuration(etaMs)}`;
  return `${state.ok} ok, ${state.failed} failed, ${left} left; ${formatDuration(state.elapsedMs)} elapsed, ${perMinute.toFixed(1)}/min, ${eta}`;
}

/** The terminal bar: `[#####-----] 12/40 10 ok, 2 failed, 28 left; ...`, cut to `width` columns. Pure. */
export function formatProgressBar(state: ProgressState, width = 100): string {
  const done = state.ok + state.failed;
  const cells = 20;
  const full = state.total > 0 ? Math.min(cells, Math.round((done / state.total) * cells)) : cells;
  const line = `[${'#'.repeat(full)}${'-'.repeat(cells - full)}] ${done}/${state.total} ${figures(state)}`;
  return line.length > width ? line.slice(0, Math.max(0, width - 1)) + '…' : line;
}

/** One plain line after a server finishes: `[12/40] ok id: 23 tools | 10 ok, 2 failed, ...`. Pure. */
export function formatProgressLine(state: ProgressState, event: { id: string; ok: boolean; detail: string }): string {
  const done = state.ok + state.failed;
  return `[${done}/${state.total}] ${event.ok ? 'ok' : 'failed'} ${event.id}: ${event.detail} | ${figures(state)}`;
}
