/** The kinds of outbox messages and their payloads. */
export const START_WORKFLOW = 'start-workflow';

export interface StartWorkflowPayload {
  complaintId: string;
}
