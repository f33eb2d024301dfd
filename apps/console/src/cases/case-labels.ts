/** The case's coded values (status, severity, channel…) in the viewer's language; an unknown code reads as itself. */
import { useIntl } from 'react-intl';
import type { MessageId } from '../i18n/messages-en';

export type Vocabulary =
  | 'status'
  | 'closure'
  | 'severity'
  | 'channel'
  | 'contactKind'
  | 'compensationType'
  | 'compensationStatus'
  | 'outcome'
  | 'escalationReason'
  | 'notificationType';

export function useLabel(): (vocabulary: Vocabulary, code: string | null | undefined) => string {
  const intl = useIntl();
  return (vocabulary, code) => {
    if (code === null || code === undefined) return '—';
    const id = `case.${vocabulary}.${code}` as MessageId;
    return intl.messages[id] === undefined ? code : intl.formatMessage({ id });
  };
}

/** A principal or queue as people read it: `queue:billing` is "billing queue". */
export function useOwnerName(): (owner: string | null | undefined) => string {
  const intl = useIntl();
  return (owner) => {
    if (!owner) return '—';
    if (owner === 'system') return intl.formatMessage({ id: 'event.actor.system' });
    if (!owner.startsWith('queue:')) return owner;
    const [category, role] = owner.slice('queue:'.length).split(':');
    return role
      ? intl.formatMessage({ id: 'case.owner.roleQueue' }, { category, role })
      : intl.formatMessage({ id: 'case.owner.queue' }, { category });
  };
}
