import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classify } from '../../../src/lib/classify/index.js';
import {
  AnalysisError,
  analyseServer,
  defaultTrifectaRules,
  findWords,
  loadTrifectaRules,
  parseTrifectaRules,
  serverTrifecta,
  trifectaLegs,
} from '../../../src/lib/analysis/index.js';
import { renderShippedTrifecta } from '../../../src/lib/analysis/shipped-render.js';
import { SHIPPED_TRIFECTA_YAML } from '../../../src/lib/analysis/trifecta-shipped.js';
import type { ToolDefinition } from '../../../src/lib/schema/index.js';

const YAML_FILE = fileURLToPath(new URL('../../../catalog/analysis/trifecta.yaml', import.meta.url));
const SHIPPED_FILE = fileURLToPath(new URL('../../../src/lib/analysis/trifecta-shipped.ts', import.meta.url));

const tool = (name: string, description: string, properties: Record<string, unknown> = {}): ToolDefinition => ({
  name,
  description,
  inputSchema: { type: 'object', properties },
});
const withC = (def: ToolDefinition) => ({ definition: def, classification: classify(def) });
const legsOf = (def: ToolDefinition) => trifectaLegs(def, classify(def));

const readFile = tool('read_file', 'Read the contents of a file from the local file system.', { path: { type: 'string' } });
const fetchUrl = tool('fetch_url', 'Fetch the content of a web page at the given URL and return it as markdown.', { url: { type: 'string' } });
const sendEmail = tool('send_email', 'Send an email to a recipient.', { to: { type: 'string' }, body: { type: 'string' } });
const listIssues = tool('list_issues', 'List the issues of a public repository.', { repo: { type: 'string' } });
const add = tool('add', 'Add two numbers.', { a: { type: 'number' }, b: { type: 'number' } });

describe('trifectaLegs', () => {
  it('finds each leg with evidence naming the rule and the field', () => {
    expect(legsOf(readFile).privateData[0]).toEqual({ rule: 'private-read-object', field: 'name', match: 'file' });
    expect(legsOf(fetchUrl).untrustedContent.map((e) => e.rule)).toContain('untrusted-web');
    expect(legsOf(sendEmail).externalSend[0]).toMatchObject({ rule: 'send-message', field: 'name', match: 'send' });
    expect(legsOf(listIssues).untrustedContent.map((e) => e.rule)).toEqual(['untrusted-messages']);
  });

  it('counts a request to any URL as a way out, and finds nothing in a calculator', () => {
    expect(legsOf(fetchUrl).externalSend).toEqual([{ rule: 'request-any-url', field: 'inputSchema.properties.url', match: 'url' }]);
    expect(legsOf(add)).toEqual({ privateData: [], untrustedContent: [], externalSend: [] });
  });

  it('respects category filters: deleting a file reads nothing private', () => {
    expect(legsOf(tool('delete_file', 'Delete a file.', { path: { type: 'string' } })).privateData).toEqual([]);
  });

  it('uses classifier evidence (credentials-read) and description patterns', () => {
    const env = tool('get_env', 'Returns all environment variables of the server process.');
    expect(legsOf(env).privateData.map((e) => e.rule)).toContain('private-credentials');
    const lookup = tool('lookup', "Reads the user's calendar and returns today's events.");
    expect(legsOf(lookup).privateData).toEqual([{ rule: 'private-read-object', field: 'description', match: "the user's calendar" }]);
  });

  it('keeps the model tool out of every leg (it destroys, it does not read or send)', () => {
    const model = tool('BinanceOptionsDeleteListenKey', 'Close/delete an options listen key. This will terminate the user data stream connection.');
    const c = classify(model);
    expect([c.category, c.risk]).toEqual(['Destructive', 'Critical']);
    expect(trifectaLegs(model, c)).toEqual({ privateData: [], untrustedContent: [], externalSend: [] });
  });
});

describe('serverTrifecta', () => {
  it('warns when one server has all three legs, naming the tools of each', () => {
    const r = serverTrifecta([readFile, fetchUrl, sendEmail, add].map(withC));
    expect(r.complete).toBe(true);
    expect(r.legs).toEqual({ privateData: ['read_file'], untrustedContent: ['fetch_url'], externalSend: ['fetch_url', 'send_email'] });
    expect(r.warning).toContain('"read_file"');
    expect(r.warning).toContain('"send_email"');
  });

  it('does not warn when a leg is missing', () => {
    const r = serverTrifecta([readFile, listIssues, add].map(withC));
    expect(r).toEqual({ complete: false, legs: { privateData: ['read_file'], untrustedContent: ['list_issues'], externalSend: [] } });
    expect(serverTrifecta([]).complete).toBe(false);
  });

  it('accepts legs computed beforehand', () => {
    const pre = [readFile, fetchUrl].map((d) => ({ definition: d, legs: legsOf(d) }));
    expect(serverTrifecta(pre).complete).toBe(true);
  });
});

describe('trifecta rules', () => {
  it('ships the YAML verbatim in the embedded copy (regenerate with shipped-render.ts when this fails)', () => {
    const yaml = readFileSync(YAML_FILE, 'utf8');
    expect(SHIPPED_TRIFECTA_YAML).toBe(yaml);
    expect(readFileSync(SHIPPED_FILE, 'utf8')).toBe(renderShippedTrifecta(yaml));
    expect(parseTrifectaRules(yaml, YAML_FILE).legs.externalSend.signals.length).toBe(defaultTrifectaRules().legs.externalSend.signals.length);
  });

  it('falls back to the shipped rules for a catalogue without its own file', () => {
    expect(loadTrifectaRules('/nonexistent-catalogue')).toBe(defaultTrifectaRules());
  });

  it('rejects bad files with the file and field named', () => {
    const yaml = readFileSync(YAML_FILE, 'utf8');
    expect(() => parseTrifectaRules(yaml.replace('categories: [Read]', 'categories: [Reading]'), 't.yaml')).toThrow(/^t\.yaml: legs\.privateData\.signals\[0\]\.categories\[0\]: expected one of Read, Write/);
    expect(() => parseTrifectaRules(yaml.replace("'\\bwebhooks?\\b'", "'(unclosed'"), 't.yaml')).toThrow(/^t\.yaml: legs\.externalSend\.signals\[2\]\.description_patterns\[2\]: invalid regular expression/);
    expect(() => parseTrifectaRules(yaml.replace('id: private-credentials', 'id: private-read-object'), 't.yaml')).toThrow(/duplicate signal id "private-read-object"/);
    expect(() => parseTrifectaRules('legs: [', 't.yaml')).toThrow(AnalysisError);
    expect(() => parseTrifectaRules('legs:\n  privateData: {label: x, summary: y, signals: [{id: a, summary: b}]}\n', 't.yaml')).toThrow(/expected at least one of name_words/);
  });

  it('matches consecutive words and plurals', () => {
    expect(findWords(['list', 'pull', 'requests'], ['pull', 'request'])).toBe(true);
    expect(findWords(['pull', 'list', 'request'], ['pull', 'request'])).toBe(false);
    expect(findWords(['messages'], ['message'])).toBe(true);
    expect(findWords(['messaging'], ['message'])).toBe(false);
  });
});

describe('analyseServer', () => {
  it('combines trifecta, coverage and per-tool status in input order', () => {
    const defs = [readFile, fetchUrl, { ...sendEmail, annotations: { readOnlyHint: true } }];
    const a = analyseServer(defs.map(withC));
    expect(a.trifecta.complete).toBe(true);
    expect(a.coverage).toMatchObject({ total: 3, noneDeclared: 2, readOnlyHint: { declaredTrue: 1, declaredFalse: 0, missing: 2 } });
    expect(a.tools.map((t) => [t.name, t.annotationStatus])).toEqual([['read_file', 'missing'], ['fetch_url', 'missing'], ['send_email', 'conflict']]);
    expect(a.tools[0]?.legs.privateData).toHaveLength(1);
  });
});
