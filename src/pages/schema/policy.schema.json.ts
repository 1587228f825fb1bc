/** `/schema/policy.schema.json`: the JSON Schema of policy.json, with its published URL as `$id`. */
import type { APIRoute } from 'astro';
import { policyJsonSchema } from '../../lib/policy/json-schema.js';
import { urls } from '../../lib/view/urls.js';

export const GET: APIRoute = ({ site }) =>
  Response.json(policyJsonSchema({ id: new URL(urls.policySchema(), site ?? 'http://localhost:4321').href }));
