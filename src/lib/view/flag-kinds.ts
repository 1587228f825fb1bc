/**
 * Flag kinds as the site counts and filters them: each groups one or more classifier flag ids
 * (`catalog/rules/flags.yaml` plus the built-in ones) under a label, with a one-letter code for the
 * search index. Pure and DOM-free (the search page's script imports it).
 */

/** One kind of flag shown on the home page and offered as a search filter. */
export interface FlagKind {
  /** URL value of the search filter (`/search/?flag=<id>`). */
  id: string;
  /** Plural label, e.g. "Hidden instructions". */
  label: string;
  /** What it means, one sentence. */
  summary: string;
  /** Classifier flag ids that count as this kind. */
  flagIds: readonly string[];
  /** One letter in the search documents' `f` field. */
  code: string;
}

/** The kinds, in display order. Codes are unique lowercase letters. */
export const FLAG_KINDS: readonly FlagKind[] = [
  {
    id: 'hidden-instructions',
    label: 'Hidden instructions',
    summary: 'Text aimed at the agent rather than the user: hidden tags, secrecy, requests to read secret files.',
    flagIds: ['hidden-instructions'],
    code: 'h',
  },
  {
    id: 'unicode',
    label: 'Invisible or bidirectional Unicode',
    summary: 'Zero-width, tag or bidirectional control characters that make text read differently than it is stored.',
    flagIds: ['invisible-unicode', 'bidi-unicode'],
    code: 'u',
  },
  {
    id: 'long-description',
    label: 'Long descriptions',
    summary: 'Descriptions far longer than usual, where instructions can be buried.',
    flagIds: ['long-description', 'long-description-peer'],
    code: 'l',
  },
  {
    id: 'shadows-common-tool',
    label: 'Shadowing common tools',
    summary: 'A name that another server of the catalogue also uses, so an agent connected to both may call the wrong one.',
    flagIds: ['shadows-common-tool'],
    code: 's',
  },
  {
    id: 'credential-param',
    label: 'Credential parameters',
    summary: 'A parameter that carries a password, token or key, which the agent will see and pass.',
    flagIds: ['credential-param'],
    code: 'k',
  },
  {
    id: 'code-param',
    label: 'Free-form code parameters',
    summary: 'A parameter that takes free-form code, commands or queries.',
    flagIds: ['code-param'],
    code: 'x',
  },
  {
    id: 'annotation-conflict',
    label: 'Annotation conflicts',
    summary: "Declared MCP annotations that contradict what the classifier finds the tool does.",
    flagIds: ['annotation-conflict'],
    code: 'a',
  },
  {
    id: 'schema-too-deep',
    label: 'Schemas too deep or large to keep',
    summary: 'A schema (or other part of the definition) nested deeper than 64 levels or over 1 MiB of JSON: stored as a marker with its size and hash, so its parameters cannot be checked.',
    flagIds: ['schema-too-deep', 'schema-too-large'],
    code: 'd',
  },
  {
    id: 'url-in-description',
    label: 'URLs in descriptions',
    summary: 'A URL in the description that the agent may be steered to fetch.',
    flagIds: ['url-in-description'],
    code: 'w',
  },
];

const KIND_OF_FLAG = new Map<string, FlagKind>(FLAG_KINDS.flatMap((k) => k.flagIds.map((id) => [id, k] as const)));

/** The kind with URL value `id`, or undefined. */
export function flagKind(id: string): FlagKind | undefined {
  return FLAG_KINDS.find((k) => k.id === id);
}

/** The kinds a tool's flags fall into, in display order (each once). */
export function kindsOf(flags: readonly { id: string }[]): FlagKind[] {
  const found = new Set<FlagKind>();
  for (const f of flags) {
    const k = KIND_OF_FLAG.get(f.id);
    if (k) found.add(k);
  }
  return FLAG_KINDS.filter((k) => found.has(k));
}

/** The search documents' `f` value for a tool's flags: kind letters in display order ('' when none). */
export function flagCodes(flags: readonly { id: string }[]): string {
  return kindsOf(flags)
    .map((k) => k.code)
    .join('');
}

/** True when `codes` (a document's `f`) holds the kind with URL value `kindId`. Unknown kinds match nothing. */
export function hasFlagKind(codes: string | undefined, kindId: string): boolean {
  const k = flagKind(kindId);
  return k !== undefined && (codes ?? '').includes(k.code);
}
