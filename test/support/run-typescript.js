// Runs a TypeScript file of this repository in a plain Node process, compiling each .ts file
// it loads with swc and the project's .swcrc, as Jest does. For what cannot run inside Jest:
// Jest loads modules through its own registry, which OpenTelemetry's instrumentations (they
// hook Node's require) never see. Usage: node test/support/run-typescript.js <file.ts>
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const swcrc = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '.swcrc'), 'utf8'));

Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swcrc, swcrc: false, filename });
  module._compile(code, filename);
};

require(path.resolve(process.argv[2]));
