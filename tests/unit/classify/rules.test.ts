import { readFileSync } from 'node:fs';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  defaultRules,
  loadRules,
  parseRules,
  readRulesDir,
  RulesError,
  shippedRulesDir,
  SHIPPED_RULES_FILES,
} from '../../../src/lib/classify/index.js';
import { renderShippedRules } from '../../../src/lib/classify/shipped-rules-render.js';

const VERB = `verbs:
  - id: verb-x
    category: Destructive
    summary: s
    because: b
    hints: { readOnly: false, destructive: true, idempotent: true }
    words: [zap]
`;

function errorOf(files: { file: string; text: string }[]): RulesError {
  try {
    parseRules(files);
  } catch (err) {
    expect(err).toBeInstanceOf(RulesError);
    return err as RulesError;
  }
  throw new Error('expected a RulesError');
}

describe('parseRules validation errors name the file and the field', () => {
  test.each([
    ['bad category', VERB.replace('Destructive', 'Dangerous'), 'verbs[0].category', /Expected 'Read' \| 'Write'/],
    ['missing words', VERB.replace('    words: [zap]\n', ''), 'verbs[0].words', /required/],
    ['uppercase word', VERB.replace('[zap]', '[Zap]'), 'verbs[0].words[0]', /lowercase words/],
    ['unknown key', VERB.replace('    summary: s', '    summary: s\n    colour: red'), 'verbs[0]', /Unrecognized key/],
    ['bad hints', VERB.replace('idempotent: true', 'idempotent: "yes"'), 'verbs[0].hints.idempotent', /Expected boolean/],
    ['bad id', VERB.replace('verb-x', 'Verb X'), 'verbs[0].id', /kebab-case/],
    ['nounable not in words', VERB.replace('words: [zap]', 'words: [zap]\n    nounable: [zip]'), 'verbs[0].nounable[0]', /also be listed/],
    ['invalid regex', 'phrases:\n  - { id: p, category: Read, summary: s, because: b, patterns: ["(unclosed"] }\n', 'phrases[0].patterns[0]', /invalid regular expression/],
    ['unknown verb rule', 'objects:\n  - { id: o, category: Financial, summary: s, because: b, words: [order], with_rules: [nope] }\n', 'objects[0].with_rules[0]', /unknown verb rule id "nope"/],
    ['unknown flag', 'modifiers:\n  - { id: m, summary: s, because: b, raise: 1, flags: [nope] }\n', 'modifiers[0].flags[0]', /unknown flag id "nope"/],
    ['raise out of range', 'modifiers:\n  - { id: m, summary: s, because: b, raise: 7 }\n', 'modifiers[0].raise', /less than or equal to 3/],
    ['schema rule without matchers', 'schema:\n  - { id: s, category: Execute, summary: s, because: b }\n', 'schema[0]', /needs any_of or all_of/],
    ['hint rule without matchers', 'destructive_hints:\n  - { id: h, summary: s, because: b, destructive: true }\n', 'destructive_hints[0]', /needs name_words/],
    ['hint rule, unknown verb rule', 'destructive_hints:\n  - { id: h, summary: s, because: b, destructive: true, with_rules: [nope], name_words: [x] }\n', 'destructive_hints[0].with_rules[0]', /unknown verb rule id "nope"/],
    ['hint rule, bad pattern', 'destructive_hints:\n  - { id: h, summary: s, because: b, destructive: false, sentence_patterns: ["(x"] }\n', 'destructive_hints[0].sentence_patterns[0]', /invalid regular expression/],
    ['read-only hint without categories', 'read_only_hints:\n  - { id: h, summary: s, because: b, read_only: true, applies_to: [], name_words: [x] }\n', 'read_only_hints[0].applies_to', /at least 1/],
    ['read-only hint, bad required shape', 'read_only_hints:\n  - { id: h, summary: s, because: b, read_only: false, applies_to: [Read], required_properties: { at_least: 1 } }\n', 'read_only_hints[0].required_properties', /needs words or description_patterns/],
  ])('%s', (_label, text, path, message) => {
    const err = errorOf([{ file: 'rules/x.yaml', text }]);
    expect(err.file).toBe('rules/x.yaml');
    expect(err.path).toBe(path);
    expect(err.message).toMatch(message);
    expect(err.message.startsWith(`rules/x.yaml: ${path}: `)).toBe(true);
  });

  test('invalid YAML names the file and the line', () => {
    const err = errorOf([{ file: 'rules/bad.yaml', text: 'verbs:\n  - id: [unclosed\n' }]);
    expect(err.message).toMatch(/^rules\/bad\.yaml: invalid YAML at line \d+/);
  });

  test('a rule id repeated in another file names both files', () => {
    const err = errorOf([
      { file: 'a.yaml', text: VERB },
      { file: 'b.yaml', text: VERB.replace('[zap]', '[zop]') },
    ]);
    expect(err.file).toBe('b.yaml');
    expect(err.message).toMatch(/duplicate rule id "verb-x" \(first defined in a\.yaml/);
  });

  test('a verb listed in two groups is an error', () => {
    const err = errorOf([{ file: 'a.yaml', text: VERB + VERB.replace('verbs:\n', '').replace('verb-x', 'verb-y') }]);
    expect(err.path).toBe('verbs[1].words[0]');
    expect(err.message).toMatch(/verb "zap" is already listed/);
  });

  test('an empty file is allowed and yields no rules', () => {
    const rules = parseRules([{ file: 'empty.yaml', text: '' }]);
    expect(rules.verbs.size).toBe(0);
    expect(rules.files).toEqual(['empty.yaml']);
  });
});

describe('shipped rules', () => {
  test('the embedded copy matches catalog/rules/*.yaml (run npx tsx scripts/gen-rules.ts)', () => {
    const generated = readFileSync(new URL('../../../src/lib/classify/shipped-rules.generated.ts', import.meta.url), 'utf8');
    expect(generated).toBe(renderShippedRules(readRulesDir(shippedRulesDir())));
  });

  test('parse, and hold every section the classifier needs', () => {
    const rules = defaultRules();
    expect(rules.files).toEqual(SHIPPED_RULES_FILES.map((f) => f.file));
    expect(rules.verbs.get('delete')?.[0]?.rule.category).toBe('Destructive');
    expect(rules.phrases.length).toBeGreaterThan(0);
    expect(rules.schema.length).toBeGreaterThan(0);
    expect(rules.modifiers.length).toBeGreaterThan(0);
    expect(rules.flags.length).toBeGreaterThan(0);
    expect(rules.commonTools.get('read_file')).toBe('read_file');
  });

  test('every shipped rule id is documented in catalog/rules/README.md', () => {
    const readme = readFileSync(join(shippedRulesDir(), 'README.md'), 'utf8');
    const rules = defaultRules();
    const ids = [
      ...rules.verbRules.keys(),
      ...rules.objects.map((o) => o.rule.id),
      ...rules.phrases.map((p) => p.rule.id),
      ...rules.schema.map((s) => s.rule.id),
      ...rules.modifiers.map((m) => m.rule.id),
      ...rules.flags.map((f) => f.rule.id),
      ...rules.destructiveHints.map((h) => h.rule.id),
      ...rules.readOnlyHints.map((h) => h.rule.id),
    ];
    for (const id of ids) expect(readme, id).toContain(`\`${id}\``);
  });
});

describe('loadRules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rules-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("a catalogue's own rules folder wins", () => {
    const cat = join(dir, 'own');
    mkdirSync(join(cat, 'rules'), { recursive: true });
    writeFileSync(join(cat, 'rules', 'verbs.yaml'), VERB);
    const rules = loadRules(cat);
    expect([...rules.verbs.keys()]).toEqual(['zap']);
  });

  test('without a rules folder the shipped rules apply', () => {
    const cat = join(dir, 'plain');
    mkdirSync(cat, { recursive: true });
    expect(loadRules(cat).verbs.get('delete')).toBeDefined();
    expect(loadRules().verbs.get('delete')).toBeDefined();
  });

  test('a bad file in a catalogue rules folder throws with its path', () => {
    const cat = join(dir, 'bad');
    mkdirSync(join(cat, 'rules'), { recursive: true });
    writeFileSync(join(cat, 'rules', 'verbs.yaml'), VERB.replace('Destructive', 'Nope'));
    expect(() => loadRules(cat)).toThrow(/bad\/rules\/verbs\.yaml: verbs\[0\]\.category: /);
  });

  test('an empty rules folder is an error, not silently no rules', () => {
    const cat = join(dir, 'empty');
    mkdirSync(join(cat, 'rules'), { recursive: true });
    expect(() => loadRules(cat)).toThrow(/no \.yaml rules files/);
  });
});

describe('shipped rules folder detection', () => {
  test('the shipped folder is this checkout of the package', () => {
    const dir = shippedRulesDir();
    const pkg = JSON.parse(readFileSync(join(dir, '..', '..', 'package.json'), 'utf8')) as { name: string };
    expect(pkg.name).toBe('mcp-risk-catalog');
    expect(loadRules().files[0]).toBe(join(dir, SHIPPED_RULES_FILES[0]!.file.replace('catalog/rules/', '')));
  });
});
