/** Shared helpers for the classifier tests: a tool factory and fixture loading. */
import { readFileSync } from 'node:fs';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';

/** A tool with an empty object schema, overridden by `over`. */
export function makeTool(name: string, description = '', over: Partial<ToolDefinition> = {}): ToolDefinition {
  return { name, description, inputSchema: { type: 'object', properties: {} }, ...over };
}

/** An object input schema with these properties (`{ amount: 'number' }` -> `{ amount: { type: 'number' } }`). */
export function props(spec: Record<string, string | { type: string; description?: string }>): unknown {
  const properties: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) properties[k] = typeof v === 'string' ? { type: v } : v;
  return { type: 'object', properties };
}

/** The tools of a fixture file under tests/fixtures/tools/. */
export function fixtureTools(file: string): ToolDefinition[] {
  const url = new URL(`../../fixtures/tools/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { tools: ToolDefinition[] }).tools;
}

/** The named tool of a fixture file. */
export function fixtureTool(file: string, name: string): ToolDefinition {
  const t = fixtureTools(file).find((x) => x.name === name);
  if (!t) throw new Error(`${file} has no tool ${name}`);
  return t;
}

/** The definition without its annotations (what the hint predictions may use). */
export function withoutAnnotations(t: ToolDefinition): ToolDefinition {
  const { annotations: _dropped, ...rest } = t;
  return rest;
}
