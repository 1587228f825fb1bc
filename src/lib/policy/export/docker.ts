/**
 * `docker` export: a shell script of `docker mcp profile tools` commands that leave exactly the
 * allowed tools of the server enabled in a Docker MCP Toolkit profile (tools named
 * `<server>.<tool>`). Under `default: "deny"` it disables every tool, then enables the allowed
 * ones; under `"allow"` it touches only the tools the policy names (enables the allowed ones,
 * disables the others) and leaves every other tool as the user had it: never `--enable-all`, which
 * would turn back on tools the user had turned off. Every argument is single-quoted, so no tool
 * name can break out of the command.
 *
 * What it cannot express: the Toolkit only enables or disables tools, so denied, approval-gated
 * and rate-limited tools (and unnamed tools under `default: "deny"`) are disabled, i.e. hidden.
 * Names with `*` are never enabled by name; names with `.` rely on the Toolkit splitting
 * `<server>.<tool>` at the first dot.
 */
import type { Policy } from '../../schema/policy.js';
import { Notes, fileStem, defaultAllows, toolEntries, type ExportOptions, type ExportResult } from './common.js';

/** `s` as one single-quoted POSIX shell word. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The policy as a POSIX shell script for the Docker MCP Toolkit. */
export function exportDocker(policy: Policy, options: ExportOptions): ExportResult {
  const notes = new Notes();
  const server = options.server;
  const allowAll = defaultAllows(policy);
  const enable: string[] = [];
  const disable: string[] = [];
  for (const entry of toolEntries(policy)) {
    if (entry.name.includes('.')) notes.add('Some tool names contain "."; the commands rely on the Toolkit splitting <server>.<tool> at the first dot.');
    if (entry.treatment === 'allow') {
      if (entry.name.includes('*')) notes.add('Tool names containing "*" are not enabled by name, in case the Toolkit reads them as a pattern.');
      else enable.push(entry.name);
      continue;
    }
    disable.push(entry.name);
    if (entry.treatment === 'deny') notes.add('The Toolkit can only enable or disable tools: denied tools are disabled (hidden from the agent).');
    if (entry.treatment === 'require_approval') notes.add('The Toolkit has no approval step: tools that need approval are disabled.');
    if (entry.treatment === 'rate_limit') notes.add('The Toolkit has no per-tool rate limits: rate-limited tools are disabled.');
  }
  const run = 'docker mcp profile tools "$PROFILE"';
  const lines = [
    '#!/bin/sh',
    `# Docker MCP Toolkit: which tools of the MCP server ${server} are enabled, exported from policy.json.`,
    `# Usage: PROFILE=<profile id> sh ${fileStem(options)}.docker-mcp.sh`,
    'set -eu',
    ': "${PROFILE:?set PROFILE to the id of your Docker MCP profile}"',
  ];
  if (allowAll) {
    notes.add('Tools this policy does not name are left as they are in your profile (no --enable-all), so a tool you turned off stays off.');
    const flags = [...enable.map((t) => `--enable ${shellQuote(`${server}.${t}`)}`), ...disable.map((t) => `--disable ${shellQuote(`${server}.${t}`)}`)];
    if (flags.length > 0) lines.push(`${run} ${flags.join(' ')}`);
  } else {
    notes.add('Tools this policy does not name stay disabled, i.e. hidden rather than listed and refused.');
    lines.push(`${run} --disable-all ${shellQuote(server)}`);
    if (enable.length > 0) lines.push(`${run} ${enable.map((t) => `--enable ${shellQuote(`${server}.${t}`)}`).join(' ')}`);
  }
  return { text: `${lines.join('\n')}\n`, mediaType: 'text/x-shellscript', filename: `${fileStem(options)}.docker-mcp.sh`, notes: notes.list() };
}
