/**
 * `intercept` export: the YAML policy of PolicyLayer's open-source Intercept proxy: `version`,
 * `description`, `default`, `hide`, and `tools[name].rules[]` (an empty list allows the tool, a
 * rule with `action: "deny"` blocks it, `rate_limit: "N/minute|hour|day"` caps it, `on_deny` is
 * the message the agent sees). Every string is double-quoted, so odd tool names stay keys.
 *
 * What it cannot express:
 * - human approval: `require_approval` becomes a deny rule whose message says a human must act;
 * - sliding windows: Intercept's windows are calendar-aligned minutes, hours or days; the window is
 *   rounded up keeping the count, and a burst across a boundary can reach twice the limit;
 * - a tool literally named `*`: Intercept's wildcard, so its rule applies to every tool (an allow
 *   is left out), and hiding it hides every tool.
 */
import { stringify } from 'yaml';
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, calendarLimit, calendarLimitIsExact, defaultAllows, toolEntries, type ExportOptions, type ExportResult } from './common.js';

/** One Intercept rule. */
interface InterceptRule {
  name: string;
  action?: 'deny';
  rate_limit?: string;
  on_deny?: string;
}

/** The policy as an Intercept policy file. */
export function exportIntercept(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const tools: Record<string, { rules: InterceptRule[] }> = {};
  const hide: string[] = [];
  const deny = (name: string, message: string): void => {
    tools[name] = { rules: [{ name: 'deny', action: 'deny', on_deny: message }] };
  };
  for (const entry of toolEntries(policy)) {
    const because = entry.reason ? ` (${entry.reason})` : '';
    if (entry.name === '*') notes.add('A tool literally named "*" is Intercept\'s wildcard: its rule applies to every tool (an allow is left out), and hiding it hides every tool.');
    switch (entry.treatment) {
      case 'hide':
        hide.push(entry.name);
        break;
      case 'deny':
        deny(entry.name, `Calls to this tool are not permitted by policy${because}.`);
        break;
      case 'require_approval':
        notes.add('Intercept cannot pause a call for human approval: tools that need approval get a deny rule instead.');
        deny(entry.name, `This tool needs a human's approval, which this proxy cannot ask for${because}.`);
        break;
      case 'rate_limit': {
        const limit = entry.rateLimit ? calendarLimit(entry.rateLimit) : null;
        if (!limit) {
          notes.add('A rate limit too low to write as a daily count is exported as a deny rule.');
          deny(entry.name, `Calls to this tool are not permitted by policy${because}.`);
          break;
        }
        if (entry.rateLimit && !calendarLimitIsExact(entry.rateLimit)) notes.add('Rate-limit windows are rounded up to a minute, hour or day, keeping the count (never looser over time).');
        notes.add('Intercept counts calls in calendar-aligned minutes, hours or days, so a burst straddling a boundary can reach twice the limit.');
        tools[entry.name] = {
          rules: [{ name: 'rate limit', rate_limit: `${limit.count}/${limit.unit}`, on_deny: `Rate limit of ${limit.count} calls per ${limit.unit} reached${because}.` }],
        };
        break;
      }
      case 'allow':
        if (entry.name !== '*') tools[entry.name] = { rules: [] };
        break;
    }
  }
  const doc = {
    version: '1',
    description: `Policy for the MCP server ${options.server}, exported from policy.json`,
    default: defaultAllows(policy) ? 'allow' : 'deny',
    hide,
    tools,
  };
  const text = stringify(doc, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'QUOTE_DOUBLE', lineWidth: 0 });
  return { text, mediaType: 'application/yaml', filename: `${fileStem(options)}.intercept.yaml`, notes: notes.list() };
}
