/** What the customer said, as they said it: each text in its own `dir="auto"` element, so Hebrew reads right to left wherever it appears. */
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import type { CaseDetail } from './case-queries';

/** Our questions and the customer's messages, in the order they were written. */
function conversation(complaint: CaseDetail) {
  return [
    ...complaint.informationRequests.map((request) => ({ key: request.requestId, at: request.askedAt, who: request.askedBy, text: request.question, fromCustomer: false })),
    ...complaint.customerMessages.map((message) => ({ key: message.messageId, at: message.at, who: null, text: message.text, fromCustomer: true })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

export function CustomerWords({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="words-heading">
      <h2 id="words-heading">{t('case.words')}</h2>
      <h3>{t('case.summary')}</h3>
      <p dir="auto" className="customer-words">{complaint.summary}</p>
      <h3>{t('case.description')}</h3>
      <p dir="auto" className="customer-words">{complaint.description}</p>
      {complaint.desiredOutcome ? (
        <>
          <h3>{t('case.desiredOutcome')}</h3>
          <p dir="auto" className="customer-words">{complaint.desiredOutcome}</p>
        </>
      ) : null}
      {complaint.informationRequests.length || complaint.customerMessages.length ? (
        <>
          <h3>{t('case.conversation')}</h3>
          <ul className="conversation">
            {conversation(complaint).map((entry) => (
              <li key={entry.key} className={entry.fromCustomer ? 'from-customer' : 'from-us'}>
                <p className="hint">
                  {entry.fromCustomer ? t('case.customerWrote', { at: format.dateTime(entry.at) }) : t('case.askedBy', { who: entry.who, at: format.dateTime(entry.at) })}
                </p>
                <p dir="auto" className="customer-words">{entry.text}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {complaint.merged.length ? (
        <>
          <h3>{t('case.mergedReports')}</h3>
          <ul>
            {complaint.merged.map((report) => (
              <li key={report.complaintId}>
                <p className="hint">{t('case.mergedReport', { reference: report.reference, at: format.dateTime(report.receivedAt) })}</p>
                <p dir="auto" className="customer-words">{report.description}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
