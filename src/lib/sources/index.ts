/** The real catalogue sources and the sandboxed runner for strangers' servers (see README.md). */
export * from './errors.js';
export * from './npm-spec.js';
export * from './bin.js';
export * from './env.js';
export * from './files.js';
export * from './sandbox.js';
export * from './install.js';
export * from './prepare.js';
export * from './load.js';
export * from './redact.js';
export * from './pypi-spec.js';
export * from './pypi.js';
export * from './pypi-prepare.js';
