import type { Role } from '../../../../libs/config/src';

/** Who is calling: the principal an API key belongs to, and its role. */
export interface Principal {
  id: string;
  role: Role;
}

export interface AuthenticatedRequest {
  principal?: Principal;
}
