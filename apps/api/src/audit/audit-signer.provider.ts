/** The checkpoint signer from AUDIT_SIGNING_KEY (null when it is not configured), and its public key. */
import type { Provider } from '@nestjs/common';
import type { KeyObject } from 'node:crypto';
import { checkpointSigner, type CheckpointSigner } from '../../../../libs/audit-trail/src';
import { APP_CONFIG, type AppConfig } from '../config/tokens';

export const AUDIT_SIGNER = Symbol('AuditSigner');

/** null when AUDIT_SIGNING_KEY is unset: checkpoints cannot be signed, verification uses stored keys. */
export type AuditSigner = CheckpointSigner | null;

export const auditSignerProvider: Provider = {
  provide: AUDIT_SIGNER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): AuditSigner => (config.auditSigningKey ? checkpointSigner(config.auditSigningKey) : null),
};

/** The public key verification trusts: the configured signer's. */
export function trustedKey(signer: AuditSigner): KeyObject | undefined {
  return signer?.publicKey;
}
