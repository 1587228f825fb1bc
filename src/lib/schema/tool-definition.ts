/**
 * The shape of one entry of an MCP `tools/list` result, mirrored from the protocol (SDK `ToolSchema`)
 * and kept loose: tool definitions are attacker-controlled text from strangers' servers, so we keep
 * whatever they sent (unknown keys included) and flag what is odd instead of rejecting it.
 * Only `name` is required to be a string; everything else is checked where it is used.
 */
import { z } from 'zod';

/** The four MCP tool annotation hints (spec: hints, never guarantees). */
export const HINT_KEYS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
export type HintKey = (typeof HINT_KEYS)[number];

/**
 * Defaults the MCP spec gives to hints that a server leaves out. They are not labels: a missing hint
 * means "not declared", and the site says so.
 */
export const SPEC_HINT_DEFAULTS: Record<HintKey, boolean> = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

/** `annotations` as a server may send it: every field optional, unknown keys kept. */
export const ToolAnnotationsSchema = z
  .object({
    title: z.string().optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .passthrough();
export type ToolAnnotations = z.infer<typeof ToolAnnotationsSchema>;

/**
 * One tool exactly as `tools/list` returned it. `inputSchema` is `unknown` on purpose: a server may
 * send a non-object, and we keep it and flag it rather than drop the tool.
 */
export const ToolDefinitionSchema = z
  .object({
    name: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    inputSchema: z.unknown().optional(),
    outputSchema: z.unknown().optional(),
    annotations: z.unknown().optional(),
  })
  .passthrough();
export type ToolDefinition = z.infer<typeof ToolDefinitionSchema>;

/** The annotations of a definition when they are a well-formed object, else undefined. */
export function readAnnotations(def: ToolDefinition): ToolAnnotations | undefined {
  const parsed = ToolAnnotationsSchema.safeParse(def.annotations);
  return parsed.success ? parsed.data : undefined;
}
