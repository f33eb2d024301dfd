/** Typed injection tokens for values that are not classes. */
import type { AppConfig } from '../../../../libs/config/src';
import type { Policy, BusinessCalendar } from '../../../../libs/domain/src';

export const APP_CONFIG = Symbol('AppConfig');
export const ACTIVE_POLICY = Symbol('ActivePolicy');
/** The CallbackDestinationRule of this deployment's configuration. */
export const CALLBACK_DESTINATIONS = Symbol('CallbackDestinations');

/** The policy new cases start under, and its calendar. */
export interface ActivePolicy {
  policy: Policy;
  calendar: BusinessCalendar;
  fingerprint: string;
}

export type { AppConfig };
