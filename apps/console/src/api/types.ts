/**
 * The shapes the API answers, from the API's own code (type-only imports: nothing of the
 * server reaches the bundle), so a change there is a type error here.
 */
import type { CaseView as ApiCaseView, EventView as ApiEventView } from '../../../api/src/complaints/case-view';

export type CaseView = ApiCaseView;
export type EventView = ApiEventView;
export type Role = 'intake' | 'agent' | 'manager' | 'director' | 'auditor' | 'admin';

export interface Me {
  principal: string;
  role: Role;
}

export interface CasePage {
  items: CaseView[];
  nextCursor: string | null;
}

export interface CommandReply {
  events: EventView[];
  case: CaseView;
}
