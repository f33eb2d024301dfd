/**
 * What a recorded case-workflow history exercises, by name: each update (action) it
 * accepted, each signal it took, a deadline timer fired, an action that failed after it was
 * accepted, a run continued as new, a run started from a continued one, a workflow that
 * completed, search attributes upserted, each patch marker (`patch:<id>`). The checked-in histories
 * (workflows/complaint/__histories__) are chosen to cover every feature, and their test
 * proves they still do.
 */
import type { History } from '@temporalio/common/lib/proto-utils';

export function historyFeatures(history: History): Set<string> {
  const features = new Set<string>();
  for (const event of history.events ?? []) {
    const accepted = event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name;
    if (accepted) features.add(`update:${accepted}`);
    if (event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.failure) features.add('update-failed');
    const signal = event.workflowExecutionSignaledEventAttributes?.signalName;
    if (signal) features.add(`signal:${signal}`);
    if (event.timerFiredEventAttributes) features.add('timer-fired');
    if (event.activityTaskFailedEventAttributes) features.add('activity-failed');
    if (event.workflowExecutionContinuedAsNewEventAttributes) features.add('continued-as-new');
    if (event.workflowExecutionStartedEventAttributes?.continuedExecutionRunId) features.add('started-from-continued-run');
    if (event.workflowExecutionCompletedEventAttributes) features.add('completed');
    if (event.upsertWorkflowSearchAttributesEventAttributes) features.add('search-attributes-upserted');
    const patch = patchId(event.markerRecordedEventAttributes);
    if (patch) features.add(`patch:${patch}`);
  }
  return features;
}

type MarkerAttributes = NonNullable<NonNullable<History['events']>[number]['markerRecordedEventAttributes']>;

/** The id of the patch a `patched()` call marked in history (the SDK's `core_patch` marker). */
function patchId(marker: MarkerAttributes | null | undefined): string | undefined {
  const data = marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0]?.data : undefined;
  return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as { id: string }).id : undefined;
}

/**
 * A small set of histories covering every feature any of them has: greedily the one adding
 * the most features not yet covered per byte, until nothing is left to add.
 */
export function coveringHistories<T extends { features: Set<string>; bytes: number }>(candidates: readonly T[]): T[] {
  const wanted = new Set(candidates.flatMap((c) => [...c.features]));
  const chosen: T[] = [];
  while (wanted.size > 0) {
    const gain = (c: T) => [...c.features].filter((f) => wanted.has(f)).length;
    const best = candidates.filter((c) => gain(c) > 0).sort((a, b) => gain(b) / b.bytes - gain(a) / a.bytes)[0];
    chosen.push(best);
    for (const feature of best.features) wanted.delete(feature);
  }
  return chosen;
}
