/**
 * One case, as the person working it needs it: the customer's own words, where the case
 * stands, the promises and both clocks, compensation, notifications, the actions the role
 * may take now, and the timeline of every event, kept live by the case's event stream.
 */
import { useParams } from 'react-router';
import { CaseActions } from '../cases/actions/case-actions';
import { CaseClocks } from '../cases/case-clocks';
import { CaseFacts } from '../cases/case-facts';
import { useCase, useCaseEvents } from '../cases/case-queries';
import { CompensationList } from '../cases/compensation-list';
import { CustomerWords } from '../cases/customer-words';
import { FinalResponse } from '../cases/final-response';
import { NotificationList } from '../cases/notification-list';
import { PromiseLedger } from '../cases/promise-ledger';
import { Timeline } from '../cases/timeline';
import { useCaseEventStream } from '../cases/use-case-event-stream';
import { Failure, Loading } from '../components/query-state';
import { useLabel } from '../cases/case-labels';
import { useT } from '../i18n/locale';
import { useCan } from '../session/permissions';
import '../cases/cases.css';

function CaseTimeline({ events }: { events: ReturnType<typeof useCaseEvents> }) {
  if (events.isPending) return <Loading />;
  if (events.isError) return <Failure error={events.error} />;
  return <Timeline events={events.data} />;
}

export function CasePage() {
  const { id = '' } = useParams();
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const readsEvents = can('GET /v1/complaints/{id}/events');
  const complaint = useCase(id);
  const events = useCaseEvents(id, readsEvents);
  useCaseEventStream(id, readsEvents && events.isSuccess);

  if (complaint.isPending) return <Loading />;
  if (complaint.isError) return <Failure error={complaint.error} />;
  const current = complaint.data;

  return (
    <article className="case-page">
      <header className="case-header">
        <h1>{current.reference}</h1>
        <p dir="auto" className="case-title">{current.summary}</p>
        <p className="case-badges">
          <span className="badge">{label('status', current.status)}</span>
          <span className="badge">{label('severity', current.severity)}</span>
          {current.breached ? <span className="badge danger">{t('cases.breached')}</span> : null}
        </p>
      </header>
      <div className="case-columns">
        <div className="case-main">
          <CustomerWords complaint={current} />
          <FinalResponse complaint={current} />
          {readsEvents ? <CaseTimeline events={events} /> : null}
        </div>
        <aside className="case-side" aria-label={t('case.sidebar')}>
          <CaseActions complaint={current} />
          <CaseFacts complaint={current} />
          <CaseClocks complaint={current} />
          <PromiseLedger complaint={current} />
          <CompensationList complaint={current} />
          <NotificationList complaint={current} />
        </aside>
      </div>
    </article>
  );
}
