/**
 * `policylayer` export: the JSON policy of PolicyLayer's hosted gateway (`version`, `default`,
 * `hide`, `tools[name]`), keeping to the parts its "Writing policies" page shows: a tool listed
 * with `{}` is allowed, `hide` removes a tool from `tools/list` and blocks it, unlisted tools
 * follow `default`, and per-tool `limits` cap calls.
 *
 * What it cannot express (or what we do not rely on):
 * - human approval: there is no documented approval step, so `require_approval` is refused
 *   (left unlisted under `default: "deny"`, i.e. visible but blocked; hidden under `"allow"`);
 * - `deny` under `default: "allow"`: a visible-but-blocked tool needs per-tool conditions whose
 *   syntax we do not rely on, so the tool is hidden instead (also blocked);
 * - sliding windows: limits are written `{counter, window, max}` with a minute/hour/day window
 *   (the smallest at least as long as ours); check the limit in PolicyLayer's builder;
 * - a tool literally named `*`: it is PolicyLayer's wildcard, so it is never allowed by name, and
 *   hiding it hides every tool.
 */
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, calendarLimit, calendarLimitIsExact, defaultAllows, prettyJson, toolEntries, type ExportOptions, type ExportResult } from './common.js';

/** One per-tool quota entry. */
interface Limit {
  counter: string;
  window: string;
  max: number;
}

/** The policy as PolicyLayer policy JSON. */
export function exportPolicyLayer(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const allowAll = defaultAllows(policy);
  const hide: string[] = [];
  const tools: Record<string, { limits?: Limit[] }> = {};
  const block = (name: string): void => {
    // Under default deny an unlisted tool is blocked and stays visible; under allow, hide it.
    if (allowAll && !hide.includes(name)) hide.push(name);
  };
  for (const entry of toolEntries(policy)) {
    const wildcard = entry.name === '*';
    if (wildcard) notes.add('A tool literally named "*" is PolicyLayer\'s wildcard: it is never allowed by name, and hiding it hides every tool.');
    switch (entry.treatment) {
      case 'hide':
        if (!hide.includes(entry.name)) hide.push(entry.name);
        break;
      case 'deny':
        if (allowAll) notes.add('Denied tools are hidden (removed from tools/list) rather than listed and refused; either way every call is blocked.');
        block(entry.name);
        break;
      case 'require_approval':
        notes.add('PolicyLayer\'s documented policy format has no human-approval step: tools that need approval are blocked instead.');
        block(entry.name);
        break;
      case 'rate_limit': {
        if (wildcard) {
          if (!hide.includes('*')) hide.push('*');
          break;
        }
        const limit = entry.rateLimit ? calendarLimit(entry.rateLimit) : null;
        if (!limit) {
          notes.add('A rate limit too low to write as a daily count is exported as a block.');
          block(entry.name);
          break;
        }
        if (entry.rateLimit && !calendarLimitIsExact(entry.rateLimit)) notes.add('Rate-limit windows are rounded up to a minute, hour or day, keeping the count (never looser over time).');
        notes.add('PolicyLayer counts calls in fixed minute/hour/day windows, so a burst straddling a window boundary can reach twice the limit.');
        notes.add('Limit entries are written as {counter, window, max}; check them in PolicyLayer\'s Raw JSON view before relying on them.');
        tools[entry.name] = { limits: [{ counter: 'calls', window: limit.unit, max: limit.count }] };
        break;
      }
      case 'allow':
        if (!wildcard) tools[entry.name] = {};
        break;
    }
  }
  const doc = { version: '1', default: allowAll ? 'allow' : 'deny', hide, tools };
  return { text: prettyJson(doc), mediaType: 'application/json', filename: `${fileStem(options)}.policylayer.json`, notes: notes.list() };
}
