/**
 * Policy variants for the report specs: a shipped policy with some fields changed, written as
 * a policy file of the run's own (JSON is YAML; its notice templates inlined) for the API, and
 * parsed back for the case histories, so both decide and report under the same policy.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPolicyFile } from '../../libs/config/src';
import type { Policy } from '../../libs/domain/src';
import { loadPolicy } from './complaint-fixtures';

export const REPORT_ROOT_CAUSES = [
  { code: 'pricing', label: 'Pricing or fee error' },
  { code: 'courier', label: 'Courier failure' },
  { code: 'staff', label: 'Staff conduct' },
];
export const RECURRING_CAUSE_THRESHOLD = 3;

/** `base` with `changes` (and a version of its own), as a policy file of the run's own. */
export function writePolicyVariant(base: 'default.yaml' | 'test-fast.yaml', changes: Partial<Policy>): { file: string; policy: Policy } {
  const { policy } = loadPolicy(base);
  const file = path.join(process.env.TEST_SERVERS_DIR!, `policy-variant-${randomUUID()}.yaml`);
  writeFileSync(file, JSON.stringify({ ...policy, version: `${policy.version}-variant-${randomUUID()}`, ...changes }));
  return { file, policy: loadPolicyFile(file) };
}

/**
 * The shipped default policy (London business days, English bank holidays) with what the
 * regulator's return and the root-causes report read made explicit: product groups (billing
 * and mortgages mapped, delivery left unmapped), root causes with labels and a recurring-cause
 * threshold.
 */
export function writeReportPolicy(): { file: string; policy: Policy } {
  return writePolicyVariant('default.yaml', {
    rootCauses: REPORT_ROOT_CAUSES,
    reports: { fairnessAlpha: 0.05, minGroupSize: 5, recurringCauseThreshold: RECURRING_CAUSE_THRESHOLD },
    returns: { productGroups: { billing: 'Banking and credit cards', mortgages: 'Home finance' } },
  });
}
