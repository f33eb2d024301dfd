/** The active policy: read and validated at start-up, registered under its version. */
import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { loadPolicyFile } from '../../../../libs/config/src';
import { calendarFor } from '../../../../libs/domain/src';
import { registerPolicy } from '../../../../libs/event-store/src';
import { ACTIVE_POLICY, APP_CONFIG, type ActivePolicy, type AppConfig } from './tokens';

export const activePolicyProvider: Provider = {
  provide: ACTIVE_POLICY,
  inject: [APP_CONFIG, DataSource],
  useFactory: async (config: AppConfig, db: DataSource): Promise<ActivePolicy> => {
    const policy = loadPolicyFile(config.policyFile);
    const calendar = calendarFor(policy.calendar);
    const fingerprint = await registerPolicy(db, policy);
    return { policy, calendar, fingerprint };
  },
};
