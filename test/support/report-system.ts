/**
 * The system a report spec reads: a database of its own, the API (no worker) on the
 * seconds-scale test policy — with `policyExtra` (YAML appended to it, e.g. a `reports:`
 * section) when given — the spec's case histories written and folded into the report tables.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { catchUpReports } from '../../libs/event-store/src';
import { writeHistories, type CaseHistory } from './case-history';
import { createFreshDatabase } from './fresh-database';
import { startTestSystem, type TestSystem } from './test-system';

export interface ReportSystem {
  system: TestSystem;
  close(): Promise<void>;
}

export async function startReportSystem(histories: readonly CaseHistory[], options: { policyExtra?: string } = {}): Promise<ReportSystem> {
  const policies = path.join(repoRoot(), 'policies');
  let policyDir: string | undefined;
  let policyFile = path.join(policies, 'test-fast.yaml');
  if (options.policyExtra) {
    policyDir = mkdtempSync(path.join(os.tmpdir(), 'report-policy-'));
    cpSync(path.join(policies, 'notices'), path.join(policyDir, 'notices'), { recursive: true });
    policyFile = path.join(policyDir, 'policy.yaml');
    writeFileSync(policyFile, `${readFileSync(path.join(policies, 'test-fast.yaml'), 'utf8')}\n${options.policyExtra}\n`);
  }
  const database = await createFreshDatabase();
  const close = async () => {
    await system?.close();
    await database.drop();
    if (policyDir) rmSync(policyDir, { recursive: true, force: true });
  };
  let system: TestSystem | undefined;
  try {
    system = await startTestSystem({ databaseUrl: database.url, worker: false, policyFile });
    await writeHistories(system.db.manager, histories);
    await catchUpReports(system.db);
    return { system, close };
  } catch (error) {
    await close();
    throw error;
  }
}
