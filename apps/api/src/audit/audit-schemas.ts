/** OpenAPI schemas of the audit routes' answers. */
import type { SchemaObject } from '../openapi/openapi-schemas';
import { VERIFICATION_PROBLEM_KINDS, DOSSIER_FORMAT, DOSSIER_FORMAT_V1 } from '../../../../libs/audit-trail/src';

const hex64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;

export const verificationSchema: SchemaObject = {
  type: 'object',
  description: 'The result of verifying hash chains against their recorded heads and the latest signed checkpoint',
  required: ['valid', 'eventsChecked', 'problems'],
  properties: {
    valid: { type: 'boolean' },
    eventsChecked: { type: 'integer' },
    problems: {
      type: 'array',
      description: 'every problem found (at most 1000 listed; problemCount counts all)',
      items: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: [...VERIFICATION_PROBLEM_KINDS] },
          streamId: { type: 'string', nullable: true },
          position: { type: 'integer', nullable: true },
          detail: { type: 'string' },
        },
      },
    },
    problemCount: { type: 'integer' },
    problemsTruncated: { type: 'boolean' },
    streamsChecked: { type: 'integer' },
    checkpoint: {
      type: 'object',
      nullable: true,
      description: 'the latest signed checkpoint the chains were compared with',
      properties: {
        id: { type: 'string', format: 'uuid' },
        createdAt: { type: 'string', format: 'date-time' },
        root: hex64,
        streamCount: { type: 'integer' },
      },
    },
    verifiedAt: { type: 'string', format: 'date-time' },
  },
};

export const checkpointSchema: SchemaObject = {
  type: 'object',
  description:
    'Every stream head at one instant, their RFC 9162 Merkle root (leaves: RFC 8785 text of {streamId, version, headHash}, ' +
    'sorted by stream id) and an Ed25519 signature over the RFC 8785 text of ' +
    '{format: "complaint-engine-checkpoint/v1", id, createdAt, root, streamCount}',
  properties: {
    id: { type: 'string', format: 'uuid' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    algorithm: { type: 'string', enum: ['Ed25519'] },
    root: hex64,
    streamCount: { type: 'integer' },
    streams: {
      type: 'array',
      items: { type: 'object', properties: { streamId: { type: 'string' }, version: { type: 'integer' }, headHash: hex64 } },
    },
    signature: { type: 'string', description: 'base64' },
    publicKey: { type: 'string', description: 'SPKI PEM' },
  },
};

export const dossierSchema: SchemaObject = {
  type: 'object',
  description:
    'Self-contained, offline-verifiable export of a case (`npm run verify-dossier -- <file> --public-key <pem>`): events ' +
    'with the canonical texts that were hashed, the case folded from them, the recorded head, the latest checkpoint with ' +
    'its signature, public key and an inclusion proof of this stream’s head, and the policy the case ran under. The ' +
    'verifier proves every member except `exportedAt`, `exportedBy` and the policy’s `fingerprint` and `document` (no ' +
    'signed or chained value pins them), which it lists as unverified, as it does any member not described here',
  properties: {
    format: { type: 'string', enum: [DOSSIER_FORMAT], description: `\`${DOSSIER_FORMAT_V1}\` dossiers (whose case was the API’s view) still verify, with their case listed as unverified` },
    exportedAt: { type: 'string', format: 'date-time', description: 'unverified: nothing signs or chains it' },
    exportedBy: { type: 'object', description: 'unverified: nothing signs or chains it' },
    complaintId: { type: 'string', format: 'uuid' },
    streamId: { type: 'string' },
    policyVersion: { type: 'string' },
    policy: {
      type: 'object',
      nullable: true,
      description: '`{version, fingerprint, document}`: the version is the one the events record; the document hashes to the fingerprint, but nothing signed pins either',
    },
    case: {
      type: 'object',
      description:
        'the case as the domain reducer folds the events’ canonical texts (the state the projection stores, not the ' +
        '`GET /v1/complaints/{id}` view); the verifier recomputes it and fails on any difference',
    },
    events: {
      type: 'array',
      items: { type: 'object' },
      description: '`position`, `id`, `type`, `schemaVersion`, `occurredAt`, `recordedAt`, `actor`, `data` and `previousHash` exactly as the `canonical` text says them, with its `hash`',
    },
    chain: { type: 'object' },
    checkpoint: { type: 'object', nullable: true },
  },
};

export const workflowHistorySchema: SchemaObject = {
  type: 'object',
  properties: {
    workflowId: { type: 'string', example: 'complaint-6b1f0a52-…' },
    history: { type: 'object', description: 'the Temporal history in the JSON form Temporal’s tools read and replay' },
  },
};
