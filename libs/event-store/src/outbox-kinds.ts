/** The kinds of outbox messages and their payloads. A start-workflow row's topic is its task queue. */
export const START_WORKFLOW = 'start-workflow';

export interface StartWorkflowPayload {
  complaintId: string;
}

/** A webhook to the intake system; the payload is a domain Notification. */
export const SEND_WEBHOOK = 'send-webhook';
export const WEBHOOK_TOPIC = 'webhooks';
