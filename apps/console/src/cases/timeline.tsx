/** Every event of the case, oldest first: who did what, when, in the viewer's language ("Timeline"). */
import type { EventView } from '../api/types';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { useOwnerName } from './case-labels';
import { useDescribeEvent } from './event-description';

export function Timeline({ events }: { events: EventView[] }) {
  const t = useT();
  const format = useFormat();
  const describe = useDescribeEvent();
  const who = useOwnerName();
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">{t('case.timeline')}</h2>
      <ol className="timeline" aria-labelledby="timeline-heading">
        {events.map((event) => {
          const { sentence, words } = describe(event);
          return (
            <li key={event.position} data-event-type={event.type}>
              <p className="timeline-sentence">
                <strong>{who(event.actor.principal)}</strong> <span>{sentence}</span>
              </p>
              {words ? (
                <p dir="auto" className="customer-words quoted">
                  {words}
                </p>
              ) : null}
              <p className="hint">
                <time dateTime={event.occurredAt}>{format.dateTime(event.occurredAt)}</time> · #{event.position}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
