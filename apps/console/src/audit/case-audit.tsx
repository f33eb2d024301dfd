/**
 * One case under audit: its reference, chain verification, dossier, its state at any instant
 * and its events, which follow the case live (the same queries and stream as the case page).
 */
import { useEffect, useRef } from 'react';
import { useCase, useCaseEvents } from '../cases/case-queries';
import { useCaseEventStream } from '../cases/use-case-event-stream';
import { Failure, Loading } from '../components/query-state';
import { useT } from '../i18n/locale';
import { useCan } from '../session/permissions';
import { CaseReplay } from './case-replay';
import { ChainVerification } from './chain-verification';
import { DossierDownload } from './dossier-download';
import { EventTable } from './event-table';

export function CaseAudit({ id }: { id: string }) {
  const t = useT();
  const can = useCan();
  const complaint = useCase(id);
  const readsEvents = can('GET /v1/complaints/{id}/events');
  const events = useCaseEvents(id, readsEvents);
  useCaseEventStream(id, readsEvents && events.isSuccess);

  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = complaint.data?.id;
  // a case just opened: keyboard and screen-reader users land on its heading
  useEffect(() => {
    if (loaded) heading.current?.focus();
  }, [loaded]);

  if (complaint.isPending) return <Loading />;
  if (complaint.isError) return <Failure error={complaint.error} />;
  const { reference } = complaint.data;

  return (
    <section className="case-audit" aria-labelledby="case-audit-heading">
      <h2 id="case-audit-heading" ref={heading} tabIndex={-1}>{t('audit.case.heading', { reference })}</h2>
      <p className="hint mono">{id}</p>
      <div className="audit-tools">
        {can('GET /v1/complaints/{id}/verification') ? <ChainVerification id={id} /> : null}
        {can('GET /v1/complaints/{id}/dossier') ? <DossierDownload id={id} reference={reference} /> : null}
      </div>
      {can('GET /v1/complaints/{id}/replay') ? <CaseReplay id={id} receivedAt={complaint.data.receivedAt} /> : null}
      {events.isPending && events.fetchStatus !== 'idle' ? <Loading /> : events.isError ? <Failure error={events.error} /> : events.data ? <EventTable events={events.data} /> : null}
    </section>
  );
}
