/**
 * Tracing does not change what a case workflow decides. A workflow draws its event ids from
 * its seeded random stream (`uuid4()`), and Temporal's OpenTelemetry workflow interceptors
 * draw span ids from Math.random, the same stream: run as they are, they change every id
 * drawn after a span. Ours run them on a stream of their own (workflows/interceptors/
 * tracing-interceptors.ts). A history recorded without tracing is replayed with each set of
 * interceptors, and the ids of the events the workflow appends on replay are compared with
 * the ones the history recorded (only the ids: the append's other fields have grown since the
 * history was recorded).
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker, type InjectedSinks } from '@temporalio/worker';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../libs/config/src';
import { workflowInterceptorModules } from '../../libs/observability/src';
import type { ScheduledActivitiesSinks } from '../fixtures/scheduled-activities-capture';

const recorded = JSON.parse(
  readFileSync(path.join(repoRoot(), 'workflows/complaint/__histories__/15-update-acceptHandoff.json'), 'utf8'),
) as { workflowId: string; history: unknown };
const history: temporal.api.history.v1.IHistory = historyFromJSON(recorded.history);

interface Append {
  expectedVersion: number;
  events: { id: string }[];
}

/** Each append's expected version and event ids. */
const idsOf = ({ expectedVersion, events }: Append) => ({ expectedVersion, eventIds: events.map((event) => event.id) });

/** The appends the history scheduled. */
const recordedAppends = (history.events ?? [])
  .map((event) => event.activityTaskScheduledEventAttributes)
  .filter((scheduled) => !!scheduled)
  .map((scheduled) => idsOf(defaultPayloadConverter.fromPayload<Append>(scheduled.input!.payloads![0])));

/**
 * The appends the workflow schedules when the history is replayed with `modules`, as many as
 * the history recorded (its last workflow task schedules one that it ends before).
 */
async function replayedAppends(modules: string[]): Promise<unknown[]> {
  const scheduled: unknown[] = [];
  const sinks: InjectedSinks<ScheduledActivitiesSinks> = {
    scheduledActivities: { scheduled: { fn: (_info, _type, args) => void scheduled.push(idsOf(args[0] as Append)), callDuringReplay: true } },
  };
  await Worker.runReplayHistory(
    {
      workflowsPath: require.resolve(path.join(repoRoot(), 'workflows')),
      interceptors: { workflowModules: [...modules, require.resolve('../fixtures/scheduled-activities-capture')] },
      // the tracing interceptors' sink (a replay exports no span)
      sinks: { ...sinks, exporter: { export: { fn: () => undefined } } },
    },
    history,
    recorded.workflowId,
  );
  return scheduled.slice(0, recordedAppends.length);
}

it('decides the same event ids with tracing as without (the recorded appends, replayed)', async () => {
  expect(recordedAppends.length).toBeGreaterThan(2);
  expect(await replayedAppends(workflowInterceptorModules(false))).toEqual(recordedAppends);
  expect(await replayedAppends(workflowInterceptorModules(true))).toEqual(recordedAppends);
});

it('would not, with Temporal’s tracing interceptors run on the workflow’s own stream', async () => {
  const unshielded = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');
  expect(await replayedAppends([...workflowInterceptorModules(false), unshielded])).not.toEqual(recordedAppends);
});
