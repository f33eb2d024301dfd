/** The case's events as stored: position, type, actor, time (viewer's zone, to the second), hash and previous hash. */
import { useIntl } from 'react-intl';
import type { EventView } from '../api/types';
import { useT } from '../i18n/locale';

export function EventTable({ events }: { events: EventView[] }) {
  const t = useT();
  const intl = useIntl();
  const time = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <div className="table-scroll">
      <table className="event-table">
        <caption>{t('audit.events.caption', { count: events.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.events.position')}</th>
            <th scope="col">{t('audit.events.type')}</th>
            <th scope="col">{t('audit.events.actor')}</th>
            <th scope="col">{t('audit.events.time')}</th>
            <th scope="col">{t('audit.events.hash')}</th>
            <th scope="col">{t('audit.events.previousHash')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>{event.position}</td>
              <td>
                <code>{event.type}</code>
              </td>
              <td>{t('audit.events.actorValue', { principal: event.actor.principal, role: event.actor.role })}</td>
              <td>
                <time dateTime={event.occurredAt}>{time(event.occurredAt)}</time>
              </td>
              <td className="mono hash">{event.hash}</td>
              <td className="mono hash">{event.previousHash}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
