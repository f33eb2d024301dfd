/**
 * The case-workflow histories recorded by earlier versions of the code (checked in under
 * __histories__, written by a test run with RECORD_WORKFLOW_HISTORIES=1; see
 * test/global-teardown.ts) replay against the current workflow code: a case started by old
 * code keeps running after a deployment. Together they exercise every action, the
 * delivery-outcome signal, deadline timers, failed actions, continue-as-new and the
 * search attributes kept current; the test also proves they still do, so a new action
 * without a recorded history fails here.
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFeatures } from '../../test/support/workflow-history-features';
import { caseUpdates, deliveryOutcomeSignal } from './messages';

const dir = path.join(__dirname, '__histories__');
const recorded = readdirSync(dir)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => {
    const { workflowId, history } = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { workflowId: string; history: unknown };
    return { file, workflowId, history: historyFromJSON(history) };
  });

it.each(recorded.map((r) => [r.file, r] as const))('replays %s against the current workflow code', async (_file, { workflowId, history }) => {
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } }, history, workflowId);
});

it('covers every action, the delivery-outcome signal, deadlines, failed actions, continue-as-new and search attributes', () => {
  const covered = new Set(recorded.flatMap((r) => [...historyFeatures(r.history)]));
  const required = [
    ...Object.keys(caseUpdates).map((name) => `update:${name}`),
    `signal:${deliveryOutcomeSignal.name}`,
    'timer-fired',
    'update-failed',
    'continued-as-new',
    'started-from-continued-run',
    'completed',
    'search-attributes-upserted',
  ];
  expect(required.filter((feature) => !covered.has(feature))).toEqual([]);
});
