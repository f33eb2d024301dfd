/** OpenAPI helpers: request schemas come from the same zod schemas the server validates with. */
import { z } from 'zod';
import type { ApiBodyOptions } from '@nestjs/swagger';

/** @nestjs/swagger does not export its SchemaObject type from the package root. */
export type SchemaObject = Exclude<Extract<ApiBodyOptions, { schema: unknown }>['schema'], { $ref: string }>;

export function openApiSchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input' }) as SchemaObject;
}

export const problemSchema: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details (application/problem+json)',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', example: 'urn:complaint-engine:problem:validation' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

export const caseSchema: SchemaObject = {
  type: 'object',
  description: 'A complaint case as it stands now',
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string', example: 'CR-2026-000042' },
    status: {
      type: 'string',
      enum: ['received', 'acknowledged', 'investigating', 'awaiting_customer', 'awaiting_approval', 'resolved', 'closed'],
    },
    closure: { type: 'string', nullable: true, enum: ['confirmed', 'unconfirmed', 'withdrawn', 'merged'] },
    severity: { type: 'string', enum: ['low', 'normal', 'high', 'critical'] },
    category: { type: 'string' },
    channel: { type: 'string' },
    customer: { type: 'object' },
    owner: { type: 'string', example: 'queue:billing' },
    escalationLevel: { type: 'integer' },
    deadlines: {
      type: 'object',
      properties: {
        acknowledgeBy: { type: 'string', format: 'date-time' },
        firstContactBy: { type: 'string', format: 'date-time' },
        updateBy: { type: 'string', format: 'date-time' },
        promiseWarningAt: { type: 'string', format: 'date-time' },
        promisedResolutionBy: { type: 'string', format: 'date-time' },
        finalResponseBy: { type: 'string', format: 'date-time' },
      },
    },
    promisedResolutionBy: { type: 'string', format: 'date-time' },
    clocks: { type: 'object', properties: { slaPausedMs: { type: 'integer' } } },
    compensation: { type: 'array', items: { type: 'object' } },
    satisfaction: { type: 'object', nullable: true },
    notes: { type: 'array', items: { type: 'object' } },
    policyVersion: { type: 'string' },
    version: { type: 'integer', description: 'number of events recorded for the case' },
    receivedAt: { type: 'string', format: 'date-time' },
    acknowledgedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};

export const eventSchema: SchemaObject = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', example: 'ComplaintAcknowledged' },
    schemaVersion: { type: 'integer' },
    occurredAt: { type: 'string', format: 'date-time' },
    recordedAt: { type: 'string', format: 'date-time' },
    actor: { type: 'object', properties: { principal: { type: 'string' }, role: { type: 'string' } } },
    data: { type: 'object' },
    hash: { type: 'string', description: 'SHA-256 (hex) of the RFC 8785 canonical form of the stored event' },
    previousHash: { type: 'string' },
  },
};
