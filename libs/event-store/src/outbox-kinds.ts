/** The kinds of outbox messages and their payloads. A start-workflow row's topic is its task queue. */
export const START_WORKFLOW = 'start-workflow';

export interface StartWorkflowPayload {
  complaintId: string;
}
