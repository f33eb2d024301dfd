/** The audit routes' answers, typed from the API's and the event store's own code (type-only imports). */
import type { CheckpointView as ApiCheckpointView } from '../../../api/src/audit/checkpoints.service';
import type { StoreVerification } from '../../../../libs/audit-trail/src';

/** `GET /v1/complaints/{id}/verification` and `GET /v1/audit/verification`. */
export type Verification = StoreVerification;
export type VerificationProblem = StoreVerification['problems'][number];
/** `GET /v1/audit/checkpoints/latest`. */
export type CheckpointView = ApiCheckpointView;

/** The problem kinds that say the store disagrees with the signed checkpoint. */
export const CHECKPOINT_PROBLEM_KINDS: readonly string[] = ['checkpoint-mismatch', 'truncated-after-checkpoint', 'bad-signature'];
