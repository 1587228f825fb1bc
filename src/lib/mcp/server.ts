/**
 * The catalogue as an MCP server (`mcp-risk mcp`), built with the official SDK's `McpServer`:
 * five read-only tools over one catalogue folder. Each returns structured content (the plain
 * JSON of `operations.ts`, equal to the CLI's `--json` for the same input) and a text rendering.
 * Nothing here writes a file, starts a process or opens a connection.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { CLIENTS, type ClientId } from '../audit/index.js';
import { EXPORT_FORMATS } from '../policy/index.js';
import { CATEGORIES, RISK_LEVELS } from '../schema/index.js';
import type { CatalogService } from './catalog-service.js';
import { MCP_LIMITS, auditConfigText, checkDefinition, getServerPolicy, lookupTool, searchCatalog } from './operations.js';
import { renderAudit, renderCheck, renderLookup, renderSearch, renderServerPolicy } from './render.js';

/** The server's name and version in `initialize`. */
export const MCP_SERVER_INFO = { name: 'mcp-risk-catalog', version: '0.1.0' } as const;

/** Every tool is a read-only lookup over local files: honest hints. */
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const FORMATS = EXPORT_FORMATS.map((f) => f.id) as [string, ...string[]];
const formatArg = z.enum(FORMATS).optional().describe(`Export format of the policy: ${FORMATS.join(', ')} (default policy, the policy.json shape).`);
const nameArg = (what: string) => z.string().min(1).max(MCP_LIMITS.nameChars, `at most ${MCP_LIMITS.nameChars} characters`).describe(what);

const INSTRUCTIONS = `MCP Risk Catalog: risk verdicts (category, risk level, evidence) and recommended policies for the tools MCP servers expose. Every tool here only reads the local catalogue. Look a tool up before calling it (lookup_tool), find tools (search_catalog), get a whole server's policy (get_server_policy), audit an MCP client config (audit_config) or classify a tools/list you have (check_definition).`;

function result(structured: object, text: string): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured as Record<string, unknown> };
}

/** A new `McpServer` with the catalogue's tools registered (one per connection or HTTP request). */
export function createCatalogServer(svc: CatalogService): McpServer {
  const server = new McpServer(MCP_SERVER_INFO, { instructions: INSTRUCTIONS });

  server.registerTool(
    'lookup_tool',
    {
      title: 'Look up a tool',
      description:
        'Get the catalogue verdict for one MCP tool: its category (Read, Write, Execute, Destructive, Financial, Other), risk level (Low to Critical), the evidence behind it, flags, and the recommended policy for that tool. ' +
        'Give either server (a catalogue server id) and tool (the exact tool name), or definition (the JSON text of one tool as tools/list lists it) for a tool not in the catalogue. Optional format returns the policy in a gateway or client format.',
      inputSchema: {
        server: nameArg('Catalogue server id, e.g. sperax-crypto-mcp (with tool).').optional(),
        tool: nameArg('Exact tool name as the server lists it (with server).').optional(),
        definition: z.string().min(2).max(MCP_LIMITS.definitionChars, `at most ${MCP_LIMITS.definitionChars} characters`).optional().describe('JSON text of one tool definition ({"name": ..., "description": ..., "inputSchema": ...}), instead of server and tool.'),
        format: formatArg,
      },
      annotations: { title: 'Look up a tool', ...READ_ONLY },
    },
    async (args) => {
      const r = lookupTool(svc, args);
      return result(r, renderLookup(r));
    },
  );

  server.registerTool(
    'search_catalog',
    {
      title: 'Search the catalogue',
      description:
        'Find tools in the catalogue by words in their names, descriptions or server names (typos are forgiven), optionally only one risk level, category or server. Returns at most limit hits (default 10, at most 50), best first, with each tool\'s verdict; an empty query lists the riskiest tools first.',
      inputSchema: {
        query: z.string().max(MCP_LIMITS.queryChars, `at most ${MCP_LIMITS.queryChars} characters`).describe('Words to look for, e.g. "send email" (may be empty with filters).'),
        risk: z.enum(RISK_LEVELS).optional().describe('Only tools of this risk level.'),
        category: z.enum(CATEGORIES).optional().describe('Only tools of this category.'),
        server: nameArg('Only tools of this catalogue server id.').optional(),
        limit: z.number().int().min(1).max(MCP_LIMITS.searchResults).optional().describe(`Most hits returned (1 to ${MCP_LIMITS.searchResults}, default 10).`),
      },
      annotations: { title: 'Search the catalogue', ...READ_ONLY },
    },
    async (args) => {
      const r = await searchCatalog(svc, args);
      return result(r, renderSearch(r));
    },
  );

  server.registerTool(
    'get_server_policy',
    {
      title: 'Get a server policy',
      description:
        'Get the recommended policy for every tool of one catalogue server (reviewed verdicts applied): unknown tools refused by default, each known tool hidden, held for approval, rate limited or allowed by its risk. Optional format gives it for Claude Code, PolicyLayer, Intercept, ToolHive Cedar, Docker or Codex.',
      inputSchema: {
        server: nameArg('Catalogue server id, e.g. sperax-crypto-mcp.'),
        format: formatArg,
      },
      annotations: { title: 'Get a server policy', ...READ_ONLY },
    },
    async (args) => {
      const r = getServerPolicy(svc, args);
      return result(r, renderServerPolicy(r));
    },
  );

  const clients = Object.keys(CLIENTS) as [ClientId, ...ClientId[]];
  server.registerTool(
    'audit_config',
    {
      title: 'Audit an MCP client config',
      description:
        'Audit the MCP servers of a client config (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf or Codex) against the catalogue: tools by risk per server, annotation conflicts, whether the catalogued version matches, lethal-trifecta paths across servers, servers not in the catalogue, and one combined recommended policy. ' +
        'Uses the catalogue only: no server in the config is started. Secret values (env, headers, tokens) never appear in the result.',
      inputSchema: {
        config: z.string().min(1).max(MCP_LIMITS.configChars, `at most ${MCP_LIMITS.configChars} characters`).describe('The config file\'s text (JSON, JSONC or TOML).'),
        fileName: nameArg('The file\'s name or path, e.g. claude_desktop_config.json or .vscode/mcp.json (picks the format; else it is detected from the shape).').optional(),
        client: z.enum(clients).optional().describe(`Which client the config is for, when neither name nor shape tells: ${clients.join(', ')}.`),
        format: formatArg,
      },
      annotations: { title: 'Audit an MCP client config', ...READ_ONLY },
    },
    async (args) => {
      const r = auditConfigText(svc, args);
      return result(r, renderAudit(r));
    },
  );

  server.registerTool(
    'check_definition',
    {
      title: 'Check tool definitions',
      description:
        'Classify a tools/list result you paste (its JSON text) the way the catalogue would: each tool\'s category, risk, predicted annotations, evidence and flags, plus the findings of mcp-risk check for server authors (declared hints that contradict the evidence, missing hints) and whether it passes.',
      inputSchema: {
        tools: z.string().min(2).max(MCP_LIMITS.toolsListChars, `at most ${MCP_LIMITS.toolsListChars} characters`).describe(`JSON text of a tools/list result {"tools": [...]}, a bare array of tools, or a JSON-RPC response (at most ${MCP_LIMITS.toolsListTools} tools).`),
      },
      annotations: { title: 'Check tool definitions', ...READ_ONLY },
    },
    async (args) => {
      const r = checkDefinition(svc, args);
      return result(r, renderCheck(r));
    },
  );

  return server;
}
