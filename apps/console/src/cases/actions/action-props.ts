import type { CaseDetail } from '../case-queries';

/** What every action form gets from the actions panel: the case, and whether its form is the open one. */
export interface ActionProps {
  complaint: CaseDetail;
  isOpen: boolean;
  onOpen(): void;
  onClose(): void;
}
