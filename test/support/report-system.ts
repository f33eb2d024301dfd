/**
 * The system a report spec reads: a database of its own, the API (no worker) on a policy
 * file (the seconds-scale test policy unless given; report-policy.ts writes variants), the
 * spec's case histories written and folded into the report tables.
 */
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

export async function startReportSystem(histories: readonly CaseHistory[], policyFile = path.join(repoRoot(), 'policies/test-fast.yaml')): Promise<ReportSystem> {
  const database = await createFreshDatabase();
  let system: TestSystem | undefined;
  const close = async () => {
    await system?.close();
    await database.drop();
  };
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
