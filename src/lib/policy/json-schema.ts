/**
 * JSON Schema for `policy.json`, generated from the zod `PolicySchema` (zod-to-json-schema), plus
 * the one rule zod expresses in code: `rate_limit` is required exactly when `action` is
 * `rate_limit`.
 */
import { zodToJsonSchema } from 'zod-to-json-schema';
import { PolicySchema } from '../schema/policy.js';

/** Default `$id` (a URN; the site passes its own published URL). */
export const POLICY_SCHEMA_ID = 'urn:mcp-risk-catalog:policy:1';

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The JSON Schema (draft-07) of `policy.json`, with `$id`, `title` and `description`.
 * `options.id` overrides the `$id` (e.g. the URL where the site publishes it).
 */
export function policyJsonSchema(options: { id?: string } = {}): JsonObject {
  const generated = zodToJsonSchema(PolicySchema, { target: 'jsonSchema7', $refStrategy: 'none', removeAdditionalStrategy: 'strict' }) as JsonObject;
  const { $schema, ...body } = generated;
  const properties = isObject(body.properties) ? body.properties : {};
  const rules = isObject(properties.rules) ? properties.rules : undefined;
  if (rules && isObject(rules.items)) {
    rules.items.allOf = [
      {
        if: { properties: { action: { const: 'rate_limit' } }, required: ['action'] },
        then: { required: ['rate_limit'] },
        else: { not: { required: ['rate_limit'] } },
      },
    ];
  }
  return {
    $schema: typeof $schema === 'string' ? $schema : 'http://json-schema.org/draft-07/schema#',
    $id: options.id ?? POLICY_SCHEMA_ID,
    title: 'MCP Risk Catalog policy.json',
    description:
      'A recommended policy for the tools of ONE MCP server. hide: tools removed from the agent\'s tool list and denied; rules: the first rule naming a tool decides (allow, deny, require_approval, rate_limit); default: what happens to every other tool.',
    ...body,
  };
}
