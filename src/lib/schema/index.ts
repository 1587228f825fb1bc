export * from './tool-definition.js';
export * from './classification.js';
export * from './policy.js';
export * from './server.js';
export * from './tool-file.js';
export * from './source.js';
