/**
 * The deployment files checked without a Docker engine: docker-compose.yml parses and
 * names the services, images and dependencies it needs; api and worker get only
 * environment variables the app reads, with values its config schema accepts and hosts
 * that are compose services; the Dockerfile's runtime stage really contains what the
 * commands, WORKFLOW_BUNDLE and POLICY_FILE point at (traced back through the build stage
 * to the TypeScript sources); .dockerignore lets those sources through and keeps local
 * state out. Compose-style `${VAR…}` interpolation is applied with sample values.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { configSchema, parseConfig, loadPolicyFile } from '../../libs/config/src';
import { WORKFLOW_BUNDLE_FILE } from '../../scripts/build-workflow-bundle';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

// ---- compose-style interpolation -------------------------------------------------------

type Vars = Record<string, string | undefined>;

/** Sample values for the variables the operator must provide (see deploy/.env.example). */
const SAMPLE_VARS: Vars = {
  POSTGRES_PASSWORD: 'superuser-sample-0f3a9c',
  COMPLAINTS_DB_PASSWORD: '5f2b7c0e9d4a1b3c6e8f0a2d4c6b8e0f',
  TEMPORAL_DB_PASSWORD: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  API_KEYS: 'desk-1:intake:s3cr3t',
  WEBHOOK_SECRET: `whsec_${Buffer.alloc(32, 7).toString('base64')}`,
  // an Ed25519 private key (PKCS#8 DER of a fixed seed), base64
  AUDIT_SIGNING_KEY: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 9)]).toString('base64'),
  GRAFANA_ADMIN_PASSWORD: 'grafana-sample-7c1d',
};

/**
 * Docker Compose interpolation: $$, $VAR, ${VAR}, ${VAR:-default}, ${VAR-default},
 * ${VAR:?error} and ${VAR?error} (the error variants throw, as compose refuses to start).
 */
function interpolate(text: string, vars: Vars): string {
  const pattern = /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;
  return text.replace(pattern, (_m, dollar: string, braced: string, op: string | undefined, arg: string, bare: string) => {
    if (dollar) return '$';
    const name = braced ?? bare;
    const value = vars[name];
    const missing = op?.startsWith(':') ? !value : value === undefined;
    if (op?.endsWith('-') && missing) return arg;
    if (op?.endsWith('?') && missing) throw new Error(`required variable ${name} is missing: ${arg}`);
    return value ?? '';
  });
}

function interpolateDeep<T>(node: T, vars: Vars): T {
  if (typeof node === 'string') return interpolate(node, vars) as T;
  if (Array.isArray(node)) return node.map((item) => interpolateDeep(item, vars)) as T;
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateDeep(v, vars)])) as T;
  }
  return node;
}

/** Every variable name the text interpolates, with its operator (undefined for plain ${VAR}). */
function variablesIn(text: string): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const m of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?])?[^}]*\}/g)) found.set(m[1], m[2]);
  return found;
}

// ---- compose model ---------------------------------------------------------------------

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  healthcheck?: { test: string | string[] };
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
/** As written (variables not yet substituted); merge keys (<<) resolved like compose does. */
const rawCompose = parse(composeText, { merge: true }) as Compose;
/** As compose would run it with the sample variables. */
const compose = interpolateDeep(rawCompose, SAMPLE_VARS);

function environmentOf(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}

function dependsOn(service: Service): Record<string, string> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, d]) => [name, d?.condition ?? 'service_started']));
}

function commandOf(service: Service): string[] {
  const command = service.command;
  return Array.isArray(command) ? command : (command ?? '').split(/\s+/).filter(Boolean);
}

/** Container ports a service publishes. */
function containerPorts(service: Service): number[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p === 'object') return Number(p.target);
    const spec = String(p).split('/')[0];
    return Number(spec.split(':').pop());
  });
}

/** Bind mounts as [absolute source on the host, container target]. */
function bindMounts(service: Service): [string, string][] {
  return (service.volumes ?? []).flatMap((v): [string, string][] => {
    if (typeof v === 'object') return v.type === 'bind' && v.source ? [[path.resolve(root, v.source), v.target]] : [];
    const [source, target] = v.split(':');
    return source.startsWith('.') || source.startsWith('/') ? [[path.resolve(root, source), target]] : [];
  });
}

function namedVolumes(service: Service): string[] {
  return (service.volumes ?? []).flatMap((v) => {
    const source = typeof v === 'object' ? (v.type === 'volume' ? v.source : undefined) : v.split(':')[0];
    return source && !source.startsWith('.') && !source.startsWith('/') ? [source] : [];
  });
}

function hostAndPort(address: string): { host: string; port: number } {
  const [host, port] = address.split(':');
  return { host, port: Number(port) };
}

const service = (name: string): Service => {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};
const APP_SERVICES = ['api', 'worker'] as const;
const CONFIG_KEYS = Object.keys(configSchema.shape);
const unknownEnvNames = (env: Record<string, string>) => Object.keys(env).filter((k) => !CONFIG_KEYS.includes(k));

// ---- Dockerfile model ------------------------------------------------------------------

interface Instruction {
  op: string;
  args: string;
  workdir: string;
}
interface Stage {
  name?: string;
  base: string;
  instructions: Instruction[];
}

function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const globalArgs: Vars = {};
  const stages: Stage[] = [];
  let workdir = '/';
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = op.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name, value] = args.split('=');
      globalArgs[name] = value;
    } else if (upper === 'FROM') {
      const [base, as, name] = interpolate(args.replace(/--platform=\S+\s*/, ''), globalArgs).split(/\s+/);
      stages.push({ base, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
      workdir = '/';
    } else {
      if (stages.length === 0) throw new Error(`Dockerfile: ${op} before FROM`);
      if (upper === 'WORKDIR') workdir = path.posix.resolve(workdir, args);
      stages[stages.length - 1].instructions.push({ op: upper, args, workdir });
    }
  }
  return stages;
}

/** The exec-form (JSON) arguments of CMD/ENTRYPOINT, or undefined. */
function execForm(stage: Stage, op: 'CMD' | 'ENTRYPOINT'): string[] | undefined {
  const last = stage.instructions.filter((i) => i.op === op).pop();
  return last ? (JSON.parse(last.args) as string[]) : undefined;
}

interface Copy {
  from?: string;
  sources: string[];
  dest: string;
}
function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.op === 'COPY' || i.op === 'ADD')
    .map((i) => {
      const tokens = i.args.split(/\s+/);
      const from = tokens.find((t) => t.startsWith('--from='))?.slice('--from='.length);
      const paths = tokens.filter((t) => !t.startsWith('--'));
      const dest = paths.pop()!;
      return { from, sources: paths, dest: path.posix.resolve(i.workdir, dest) };
    });
}

const finalWorkdir = (stage: Stage) => stage.instructions.filter((i) => i.op === 'WORKDIR').pop()?.workdir ?? '/';

const stages = parseDockerfile(read('Dockerfile'));
const runtimeStage = stages[stages.length - 1];

/**
 * Where a file at `absolute` in `stage` comes from: a file of the build context (repo),
 * or a path in another stage. A directory COPY maps everything below its destination.
 */
function originOf(stage: Stage, absolute: string): { context: string } | { stage: Stage; path: string } | undefined {
  for (const copy of copiesOf(stage).reverse()) {
    for (const source of copy.sources) {
      // Sources from another stage are our dist/ directory; context sources are looked up.
      const sourceIsDir = copy.from !== undefined || (existsSync(path.join(root, source)) && statSync(path.join(root, source)).isDirectory());
      let target: string | undefined;
      if (sourceIsDir) {
        const rel = path.posix.relative(copy.dest, absolute);
        if (!rel.startsWith('..')) target = rel;
      } else if (absolute === copy.dest || absolute === path.posix.join(copy.dest, path.posix.basename(source))) {
        target = '';
      }
      if (target === undefined) continue;
      if (!copy.from) return { context: path.posix.normalize(path.posix.join(source, target)) };
      const from = stages.find((s) => s.name === copy.from);
      if (!from) throw new Error(`COPY --from=${copy.from}: no such stage`);
      return { stage: from, path: path.posix.join(source, target) };
    }
  }
  return undefined;
}

const tsconfigBuild = JSON.parse(read('tsconfig.build.json')) as { extends?: string; include: string[]; compilerOptions?: { outDir?: string } };
const tsconfigBase = JSON.parse(read(tsconfigBuild.extends ?? 'tsconfig.json')) as { compilerOptions: { outDir?: string; rootDir?: string } };
const outDir = tsconfigBuild.compilerOptions?.outDir ?? tsconfigBase.compilerOptions.outDir ?? '';
const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

/**
 * Proves that `absolute` exists in the runtime image: copied from the repo, or copied
 * from the build stage where `npm run build` produced it (tsc output of a source file the
 * build stage has, or the workflow bundle). Returns a description, or throws why not.
 */
function traceRuntimeFile(absolute: string): string {
  const origin = originOf(runtimeStage, absolute);
  if (!origin) throw new Error(`${absolute}: no COPY in the runtime stage puts it in the image`);
  if ('context' in origin) {
    if (!existsSync(path.join(root, origin.context))) throw new Error(`${absolute}: copied from ${origin.context}, which is not in the repo`);
    return `repo:${origin.context}`;
  }
  const build = origin.stage;
  const runsBuild = build.instructions.find((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args));
  if (!runsBuild) throw new Error(`${absolute}: comes from stage ${build.name}, which does not run npm run build`);
  const produced = path.posix.relative(runsBuild.workdir, origin.path);
  if (produced === WORKFLOW_BUNDLE_FILE) {
    expect(packageJson.scripts.build).toContain('build-workflow-bundle');
    return 'workflow-bundle';
  }
  const underOut = path.posix.relative(outDir, produced);
  if (underOut.startsWith('..') || !underOut.endsWith('.js')) throw new Error(`${absolute}: ${produced} is not tsc output under ${outDir}/`);
  const source = underOut.replace(/\.js$/, '.ts');
  if (!existsSync(path.join(root, source))) throw new Error(`${absolute}: its source ${source} does not exist`);
  if (!tsconfigBuild.include.some((dir) => source.startsWith(`${dir}/`))) throw new Error(`${absolute}: ${source} is outside tsconfig.build.json include`);
  const inBuild = originOf(build, path.posix.join(runsBuild.workdir, source));
  if (!inBuild || !('context' in inBuild)) throw new Error(`${absolute}: the build stage never copies ${source}`);
  if (!dockerignoreAllows(inBuild.context)) throw new Error(`${absolute}: .dockerignore keeps ${source} out of the context`);
  return `tsc:${source}`;
}

// ---- .dockerignore ---------------------------------------------------------------------

const ignorePatterns = read('.dockerignore')
  .split(/\r?\n/)
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i];
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** Docker's rule: the last pattern matching the path (or one of its parents) decides. */
function dockerignoreAllows(relative: string): boolean {
  const parts = path.posix.normalize(relative).replace(/\/$/, '').split('/');
  let allowed = true;
  for (const raw of ignorePatterns) {
    const negated = raw.startsWith('!');
    const re = globToRegExp((negated ? raw.slice(1) : raw).replace(/^\/+/, '').replace(/\/+$/, ''));
    if (parts.some((_, i) => re.test(parts.slice(0, i + 1).join('/')))) allowed = negated;
  }
  return allowed;
}

// ---- the tests -------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('parses and has the five services of the production shape', () => {
    expect(Object.keys(compose.services).sort()).toEqual(expect.arrayContaining(['api', 'postgres', 'temporal', 'temporal-ui', 'worker']));
    // merge keys (<<: *anchor) were resolved, not left as a literal "<<" service key
    expect(JSON.stringify(rawCompose)).not.toContain('"<<"');
  });

  it('pins its third-party images (postgres 17, Temporal auto-setup 1.29+, Temporal UI)', () => {
    expect(service('postgres').image).toMatch(/^postgres:17(\.\d+)*(-[a-z]+)?$/);
    const temporal = /^temporalio\/auto-setup:(\d+)\.(\d+)\.(\d+)$/.exec(service('temporal').image ?? '');
    expect(temporal).not.toBeNull();
    expect(Number(temporal![1]) * 1000 + Number(temporal![2])).toBeGreaterThanOrEqual(1029);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
  });

  it('points every depends_on at an existing service, waiting for health only where a healthcheck exists', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [target, condition] of Object.entries(dependsOn(svc))) {
        expect({ name, target, exists: target in compose.services }).toEqual({ name, target, exists: true });
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect({ target, healthcheck: Boolean(compose.services[target].healthcheck) }).toEqual({ target, healthcheck: true });
      }
    }
    expect(dependsOn(service('api'))).toMatchObject({ postgres: 'service_healthy' });
    expect(dependsOn(service('worker'))).toMatchObject({ postgres: 'service_healthy', temporal: 'service_healthy' });
    expect(dependsOn(service('temporal'))).toMatchObject({ postgres: 'service_healthy' });
  });

  it('declares the named volumes it uses and mounts only files that exist in the repo', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const volume of namedVolumes(svc)) expect({ name, volume, declared: volume in (compose.volumes ?? {}) }).toEqual({ name, volume, declared: true });
      for (const [source] of bindMounts(svc)) expect({ name, source, exists: existsSync(source) }).toEqual({ name, source, exists: true });
    }
    expect(namedVolumes(service('postgres'))).toHaveLength(1);
  });

  it('takes every secret from the environment, required and without a default', () => {
    const vars = variablesIn(composeText);
    for (const secret of ['POSTGRES_PASSWORD', 'COMPLAINTS_DB_PASSWORD', 'TEMPORAL_DB_PASSWORD', 'API_KEYS', 'WEBHOOK_SECRET', 'AUDIT_SIGNING_KEY', 'GRAFANA_ADMIN_PASSWORD']) {
      expect({ secret, operator: vars.get(secret) }).toEqual({ secret, operator: ':?' });
    }
    const api = environmentOf(rawCompose.services.api);
    expect(api.API_KEYS).toMatch(/^\$\{API_KEYS:\?[^}]*\}$/);
    expect(api.WEBHOOK_SECRET).toMatch(/^\$\{WEBHOOK_SECRET:\?[^}]*\}$/);
    // The DATABASE_URL password is a variable, not a literal.
    expect(environmentOf(rawCompose.services.worker).DATABASE_URL).toMatch(/^postgres(ql)?:\/\/[^:]+:\$\{[A-Z_]+:\?[^}]*\}@/);
  });

  it('refuses to interpolate without the required secrets (as compose refuses to start)', () => {
    for (const secret of ['API_KEYS', 'WEBHOOK_SECRET', 'COMPLAINTS_DB_PASSWORD', 'AUDIT_SIGNING_KEY']) {
      expect(() => interpolateDeep(rawCompose, { ...SAMPLE_VARS, [secret]: undefined })).toThrow(secret);
      expect(() => interpolateDeep(rawCompose, { ...SAMPLE_VARS, [secret]: '' })).toThrow(secret);
    }
  });

  it('documents every variable it interpolates in deploy/.env.example', () => {
    const documented = new Set(
      read('deploy/.env.example')
        .split(/\r?\n/)
        .map((l) => /^([A-Z_][A-Z0-9_]*)=/.exec(l)?.[1])
        .filter(Boolean),
    );
    expect([...variablesIn(composeText).keys()].filter((v) => !documented.has(v))).toEqual([]);
  });

  it('keeps the database, the Temporal UI, Prometheus and Grafana off public interfaces', () => {
    expect(service('postgres').ports ?? []).toEqual([]);
    for (const name of ['temporal-ui', 'prometheus', 'grafana']) {
      for (const port of service(name).ports ?? []) expect({ name, port: String(port) }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
    }
  });
});

describe('api and worker environment', () => {
  it.each(APP_SERVICES)('%s gets only variables the app reads (keys of configSchema)', (name) => {
    expect(unknownEnvNames(environmentOf(service(name)))).toEqual([]);
  });

  it('the name check is not vacuous: a misspelt variable is reported', () => {
    expect(unknownEnvNames({ DATABSE_URL: 'postgres://x', PORT: '1' })).toEqual(['DATABSE_URL']);
  });

  it.each(APP_SERVICES)('%s gets DATABASE_URL, TEMPORAL_ADDRESS and NODE_ENV=production', (name) => {
    const env = environmentOf(service(name));
    expect(env.DATABASE_URL).toBeTruthy();
    expect(env.TEMPORAL_ADDRESS).toBeTruthy();
    expect(env.NODE_ENV).toBe('production');
  });

  it.each(APP_SERVICES)('%s: DATABASE_URL names the postgres service and a database its init script creates for that role', (name) => {
    const url = new URL(environmentOf(service(name)).DATABASE_URL);
    const db = service(url.hostname);
    expect(db.image).toMatch(/^postgres:/);
    expect(Number(url.port || 5432)).toBe(5432);
    const database = url.pathname.slice(1);
    const initDir = bindMounts(db).find(([, target]) => target === '/docker-entrypoint-initdb.d')?.[0];
    expect(initDir).toBeDefined();
    const init = readFileSync(path.join(initDir!, '10-create-databases.sh'), 'utf8');
    expect(init).toMatch(new RegExp(`CREATE ROLE ${url.username} LOGIN PASSWORD`));
    expect(init).toMatch(new RegExp(`CREATE DATABASE ${database} OWNER ${url.username};`));
    // The password in the URL is the one the init script gives the role.
    expect(decodeURIComponent(url.password)).toBe(environmentOf(db).COMPLAINTS_DB_PASSWORD);
  });

  it.each(APP_SERVICES)('%s: TEMPORAL_ADDRESS names the Temporal server service and its gRPC port', (name) => {
    const { host, port } = hostAndPort(environmentOf(service(name)).TEMPORAL_ADDRESS);
    expect(service(host).image).toMatch(/^temporalio\/auto-setup:/);
    expect(port).toBe(7233);
  });

  it.each(APP_SERVICES)('%s: the values pass parseConfig (with sample secrets)', (name) => {
    const config = parseConfig(environmentOf(service(name)));
    expect(config.env).toBe('production');
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
  });

  it('api and worker agree on the database, namespace and task queue', () => {
    const api = parseConfig(environmentOf(service('api')));
    const worker = parseConfig(environmentOf(service('worker')));
    expect(worker.databaseUrl).toBe(api.databaseUrl);
    expect(worker.temporal).toEqual(api.temporal);
  });

  it('the API keys and webhook secret validate and reach the config', () => {
    const api = parseConfig(environmentOf(service('api')));
    expect(api.apiKeys).toEqual([{ principal: 'desk-1', role: 'intake', secret: 's3cr3t' }]);
    expect(api.webhookSecrets).toEqual([SAMPLE_VARS.WEBHOOK_SECRET]);
    // and a malformed value is refused, so the check above has teeth
    const broken = interpolateDeep(rawCompose, { ...SAMPLE_VARS, API_KEYS: 'desk-1:king:s3cr3t' });
    expect(() => parseConfig(environmentOf(broken.services.api))).toThrow(/API_KEYS/);
  });

  it('the namespace the app uses is the one Temporal auto-setup registers', () => {
    const api = parseConfig(environmentOf(service('api')));
    expect(environmentOf(service('temporal')).DEFAULT_NAMESPACE).toBe(api.temporal.namespace);
    expect(JSON.stringify(service('temporal').healthcheck?.test)).toContain(`--namespace ${api.temporal.namespace}`);
  });

  it('the api publishes and health-checks the port it listens on (PORT)', () => {
    const api = service('api');
    const port = parseConfig(environmentOf(api)).port;
    expect(containerPorts(api)).toEqual([port]);
    const probe = JSON.stringify(api.healthcheck?.test);
    expect(probe).toContain(`:${port}/health/ready`);
  });

  it('the worker loads the prebuilt workflow bundle, which the image contains', () => {
    const bundle = environmentOf(service('worker')).WORKFLOW_BUNDLE;
    expect(bundle).toBe(path.posix.join(finalWorkdir(runtimeStage), WORKFLOW_BUNDLE_FILE));
    expect(traceRuntimeFile(bundle)).toBe('workflow-bundle');
  });

  it('POLICY_FILE (when set) is a file the Dockerfile copies, and a valid policy', () => {
    for (const name of APP_SERVICES) {
      const policyFile = environmentOf(service(name)).POLICY_FILE;
      if (policyFile === undefined) continue;
      const absolute = path.posix.resolve(finalWorkdir(runtimeStage), policyFile);
      const origin = traceRuntimeFile(absolute);
      expect(origin).toMatch(/^repo:/);
      expect(() => loadPolicyFile(path.join(root, origin.slice('repo:'.length)))).not.toThrow();
    }
    expect(environmentOf(service('api')).POLICY_FILE).toBeDefined();
  });
});

describe('api and worker image (Dockerfile)', () => {
  it.each(APP_SERVICES)("%s is built from the repo's Dockerfile, final stage", (name) => {
    const build = service(name).build;
    const spec = typeof build === 'string' ? { context: build } : build;
    expect(spec).toBeDefined();
    expect(path.resolve(root, spec!.context ?? '.')).toBe(root);
    expect(existsSync(path.join(root, spec!.dockerfile ?? 'Dockerfile'))).toBe(true);
    if (spec!.target) expect(spec!.target).toBe(runtimeStage.name);
    expect(service(name).image).toBeUndefined();
  });

  it('runs on the Node.js major that the setup provisions, which package.json#engines allows', () => {
    const pinned = JSON.parse(read('tools/node-runtime.json')) as { version: string };
    const major = Number(pinned.version.split('.')[0]);
    for (const stage of stages) expect(stage.base).toBe(`node:${major}-bookworm-slim`);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(Number(/^>=(\d+)$/.exec(engines)?.[1])).toBeLessThanOrEqual(major);
  });

  it('is multi-stage: all deps + npm run build, then production deps only, as user node', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stages.find((s) => s.instructions.some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)));
    expect(build?.instructions.some((i) => i.op === 'RUN' && /\bnpm ci\b(?!.*--omit=dev)/.test(i.args))).toBe(true);
    const runtimeRuns = runtimeStage.instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    expect(runtimeRuns.some((r) => /\bnpm ci\b.*--omit=dev/.test(r))).toBe(true);
    expect(runtimeRuns.some((r) => /\bnpm run build\b/.test(r))).toBe(false);
    expect(runtimeStage.instructions.filter((i) => i.op === 'USER').pop()?.args).toBe('node');
  });

  it('its default CMD runs the compiled API entry point', () => {
    const cmd = [...(execForm(runtimeStage, 'ENTRYPOINT') ?? []), ...(execForm(runtimeStage, 'CMD') ?? [])];
    expect(cmd.slice(0, 2)).toEqual(['node', 'dist/apps/api/src/main.js']);
    expect(traceRuntimeFile(path.posix.resolve(finalWorkdir(runtimeStage), cmd[1]))).toBe('tsc:apps/api/src/main.ts');
  });

  it.each([
    ['api', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
  ])('the %s command runs a file the build produces (from %s)', (name, source) => {
    const [node, script] = commandOf(service(name));
    expect(node).toBe('node');
    expect(traceRuntimeFile(path.posix.resolve(finalWorkdir(runtimeStage), script))).toBe(`tsc:${source}`);
  });

  it('the tracing is not vacuous: a file the build does not produce is refused', () => {
    expect(() => traceRuntimeFile('/app/dist/apps/api/src/nope.js')).toThrow(/source/);
    expect(() => traceRuntimeFile('/app/workflows/index.ts')).toThrow(/no COPY/);
  });

  it('the build stage copies every folder tsconfig.build.json compiles, and its tsconfig files', () => {
    const build = stages.find((s) => s.instructions.some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)))!;
    const workdir = build.instructions.find((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args))!.workdir;
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.build.json', tsconfigBuild.extends ?? 'tsconfig.json', ...tsconfigBuild.include].map((f) => path.posix.normalize(f))) {
      const origin = originOf(build, path.posix.join(workdir, file));
      expect({ file, copied: origin !== undefined && 'context' in origin && origin.context === file }).toEqual({ file, copied: true });
    }
  });
});

describe('.dockerignore', () => {
  it('lets through everything the Dockerfile copies from the build context', () => {
    for (const stage of stages) {
      for (const copy of copiesOf(stage).filter((c) => !c.from)) {
        for (const source of copy.sources) expect({ source, allowed: dockerignoreAllows(source) }).toEqual({ source, allowed: true });
      }
    }
    expect(dockerignoreAllows('apps/api/src/main.ts')).toBe(true);
    expect(dockerignoreAllows('policies/default.yaml')).toBe(true);
  });

  it('keeps local state, secrets and build output out of the context', () => {
    for (const excluded of ['node_modules/yaml/package.json', 'dist/apps/api/src/main.js', '.data/dev-secrets.json', '.tools/venv/bin/temporal', '.env', '.git/HEAD', 'apps/api/src/health/health.unit.spec.ts']) {
      expect({ excluded, allowed: dockerignoreAllows(excluded) }).toEqual({ excluded, allowed: false });
    }
  });
});

describe('Temporal server and PostgreSQL wiring', () => {
  it('Temporal uses the postgres service, as the role and databases the init script creates', () => {
    const env = environmentOf(service('temporal'));
    expect(env.DB).toBe('postgres12');
    expect(service(env.POSTGRES_SEEDS).image).toMatch(/^postgres:/);
    expect(env.DB_PORT).toBe('5432');
    const initDir = bindMounts(service(env.POSTGRES_SEEDS)).find(([, target]) => target === '/docker-entrypoint-initdb.d')![0];
    const init = readFileSync(path.join(initDir, '10-create-databases.sh'), 'utf8');
    expect(init).toMatch(new RegExp(`CREATE ROLE ${env.POSTGRES_USER} LOGIN PASSWORD`));
    for (const db of [env.DBNAME ?? 'temporal', env.VISIBILITY_DBNAME ?? 'temporal_visibility']) {
      expect(init).toMatch(new RegExp(`CREATE DATABASE ${db} OWNER ${env.POSTGRES_USER};`));
    }
    expect(env.POSTGRES_PWD).toBe(environmentOf(service(env.POSTGRES_SEEDS)).TEMPORAL_DB_PASSWORD);
  });

  it('the init script is executable by the postgres image', () => {
    const initDir = bindMounts(service('postgres')).find(([, target]) => target === '/docker-entrypoint-initdb.d')![0];
    const script = path.join(initDir, '10-create-databases.sh');
    expect(statSync(script).mode & 0o111).not.toBe(0);
    expect(readFileSync(script, 'utf8')).toMatch(/^#!\/usr\/bin\/env bash\n/);
  });

  it('the dynamic config file is mounted where DYNAMIC_CONFIG_FILE_PATH points, and parses', () => {
    const env = environmentOf(service('temporal'));
    const target = path.posix.resolve('/etc/temporal', env.DYNAMIC_CONFIG_FILE_PATH);
    const mount = bindMounts(service('temporal')).find(([, t]) => t === target);
    expect(mount).toBeDefined();
    const config = parse(readFileSync(mount![0], 'utf8')) as Record<string, { value: unknown }[]>;
    for (const [key, entries] of Object.entries(config)) {
      expect({ key, ok: Array.isArray(entries) && entries.every((e) => 'value' in e) }).toEqual({ key, ok: true });
    }
  });

  it('the Temporal UI talks to the Temporal server service', () => {
    const { host, port } = hostAndPort(environmentOf(service('temporal-ui')).TEMPORAL_ADDRESS);
    expect(service(host).image).toMatch(/^temporalio\/auto-setup:/);
    expect(port).toBe(7233);
  });
});

describe('monitoring (Prometheus and Grafana)', () => {
  const prometheus = parse(read('deploy/prometheus/prometheus.yml')) as {
    scrape_configs: { job_name: string; dns_sd_configs: { names: string[]; type: string; port: number }[] }[];
  };
  const targetOf = (job: string) => {
    const config = prometheus.scrape_configs.find((c) => c.job_name === job);
    if (!config) throw new Error(`prometheus.yml has no job ${job}`);
    return config.dns_sd_configs[0];
  };

  it('Prometheus scrapes every api replica on the port the API listens on (PORT)', () => {
    const target = targetOf('complaints-api');
    expect(target.names).toEqual(['api']);
    expect(target.port).toBe(Number(environmentOf(service('api')).PORT));
  });

  it('Prometheus scrapes every worker replica on the port its metrics server listens on (WORKER_METRICS_PORT)', () => {
    const target = targetOf('complaints-worker');
    expect(target.names).toEqual(['worker']);
    const config = parseConfig(environmentOf(service('worker')));
    expect(config.workerMetricsPort).toBe(target.port);
  });

  it('mounts its config where the image reads it, and Grafana its provisioning and dashboards', () => {
    expect(bindMounts(service('prometheus')).map(([source, target]) => [path.relative(root, source), target])).toContainEqual([
      'deploy/prometheus/prometheus.yml',
      '/etc/prometheus/prometheus.yml',
    ]);
    const grafanaMounts = bindMounts(service('grafana')).map(([source, target]) => [path.relative(root, source), target]);
    expect(grafanaMounts).toContainEqual(['deploy/grafana/provisioning', '/etc/grafana/provisioning']);
    const dashboards = parse(read('deploy/grafana/provisioning/dashboards/complaint-engine.yml')) as { providers: { options: { path: string } }[] };
    expect(grafanaMounts).toContainEqual(['deploy/grafana/dashboards', dashboards.providers[0].options.path]);
  });

  it('Grafana’s data source is the compose Prometheus, and every dashboard panel queries it', () => {
    const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { uid: string; url: string }[] };
    const { host, port } = hostAndPort(new URL(datasources.datasources[0].url).host);
    expect(service(host).image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    expect(port).toBe(9090);
    const dashboard = JSON.parse(read('deploy/grafana/dashboards/complaint-engine.json')) as {
      panels: { type: string; datasource?: { uid: string }; targets?: { expr: string }[] }[];
    };
    const graphs = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(graphs.length).toBeGreaterThan(10);
    for (const panel of graphs) {
      expect(panel.datasource?.uid).toBe(datasources.datasources[0].uid);
      expect(panel.targets?.length).toBeGreaterThan(0);
    }
  });
});
