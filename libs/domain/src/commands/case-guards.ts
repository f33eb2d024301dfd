/** Refusals shared by the commands on a case. */
import type { ComplaintState } from '../case/complaint-state';
import { ComplaintRuleError } from '../errors/complaint-rule-error';

export function requireOpen(state: ComplaintState): void {
  if (state.status === 'closed') {
    throw new ComplaintRuleError('case-closed', `case ${state.reference} is closed (${state.closure})`);
  }
}

/** Non-blank text, stored exactly as given. */
export function requireText(value: unknown, path: string, max: number): string {
  if (typeof value !== 'string' || value.trim().length === 0) {
    throw new ComplaintRuleError('invalid-command', `${path} must not be empty`, [{ path, message: 'must not be empty' }]);
  }
  if (value.length > max) {
    throw new ComplaintRuleError('invalid-command', `${path} is too long`, [
      { path, message: `must be at most ${max} characters` },
    ]);
  }
  return value;
}
