/**
 * The case-workflow histories recorded by earlier versions of the code (checked in under
 * __histories__, written by a test run with RECORD_WORKFLOW_HISTORIES=1; see
 * test/global-teardown.ts) replay against the current workflow code: a case started by old
 * code keeps running after a deployment. Together they exercise every action, the
 * delivery-outcome signal, deadline timers, failed actions, continue-as-new and the
 * search attributes kept current, and each patch (an action decided again after a stale
 * version among them); the test also proves they still do, so a new action
 * without a recorded history fails here. Each replays against the traced bundle too
 * (Temporal's OpenTelemetry interceptors added), so switching tracing on does not break a
 * running case.
 */
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tracedWorkflowBundle } from '../../libs/observability/src';
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

const bundles: [string, () => ReplayWorkerOptions][] = [
  ['the workflow bundle', () => ({ workflowBundle: { codePath: process.env.TEST_WORKFLOW_BUNDLE! } })],
  // a replay exports no span, but the workflows' tracing interceptors need their sink to be there
  ['the traced workflow bundle', () => ({
    workflowBundle: { codePath: tracedWorkflowBundle(process.env.TEST_WORKFLOW_BUNDLE!) },
    sinks: { exporter: { export: { fn: () => undefined } } },
  })],
];

it.each(recorded.flatMap((r) => bundles.map(([bundle, options]) => [r.file, bundle, options, r] as const)))(
  'replays %s against the current workflow code (%s)',
  async (_file, _bundle, options, { workflowId, history }) => {
    await Worker.runReplayHistory(options(), history, workflowId);
  },
);

it('covers every action, the delivery-outcome signal, deadlines, failed actions, continue-as-new, search attributes and every patch', () => {
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
    'patch:case-search-attributes',
    'patch:redecide-after-stale-version',
  ];
  expect(required.filter((feature) => !covered.has(feature))).toEqual([]);
});
