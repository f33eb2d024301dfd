/** Which deadlines of a case are still to be met, and which comes next. */
import type { CaseView } from '../api/types';

export type DeadlineName = 'acknowledge' | 'firstContact' | 'promisedResolution' | 'finalResponse';

export function pendingDeadlines(complaint: CaseView): { name: DeadlineName; at: string }[] {
  const { deadlines } = complaint;
  if (!deadlines || complaint.status === 'closed') return [];
  const answered = complaint.resolution !== null;
  const pending: { name: DeadlineName; at: string | null }[] = [
    { name: 'acknowledge', at: complaint.acknowledgedAt ? null : deadlines.acknowledgeBy },
    { name: 'firstContact', at: complaint.firstContactAt ? null : deadlines.firstContactBy },
    { name: 'promisedResolution', at: answered ? null : deadlines.promisedResolutionBy },
    { name: 'finalResponse', at: answered ? null : deadlines.finalResponseBy },
  ];
  return pending.filter((deadline): deadline is { name: DeadlineName; at: string } => deadline.at !== null).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

