/** The webhooks sent to the intake system about this case and how their delivery went. */
import { useT } from '../i18n/locale';
import { useLabel } from './case-labels';
import type { CaseDetail } from './case-queries';

export function NotificationList({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const label = useLabel();
  return (
    <section className="panel" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">{t('case.notifications')}</h2>
      {complaint.notifications.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <ul className="plain-list">
          {complaint.notifications.map((notification) => (
            <li key={notification.notificationId}>
              {label('notificationType', notification.type)}:{' '}
              <span className={`badge ${notification.delivered ? 'ok' : notification.abandoned ? 'danger' : 'warning'}`}>
                {t('case.delivery', {
                  state: notification.delivered ? 'delivered' : notification.abandoned ? 'abandoned' : 'pending',
                  attempts: notification.attempts,
                })}
              </span>
              {notification.lastError && !notification.delivered ? <span className="hint"> {notification.lastError}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
