/** The kinds of outbox messages and their payloads. A start-workflow row's topic is its task queue. */
export const START_WORKFLOW = 'start-workflow';

export interface StartWorkflowPayload {
  complaintId: string;
  /** the id of the intake request that accepted the case: its workflow starts as part of it */
  requestId?: string;
}

/** A webhook to the intake system; the payload is a domain Notification. */
export const SEND_WEBHOOK = 'send-webhook';
export const WEBHOOK_TOPIC = 'webhooks';
