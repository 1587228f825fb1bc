/** The MCP Registry's server.json: schema, conversion to a source, reading from disk. */
export * from './server-json.js';
export * from './to-source.js';
export * from './load.js';
