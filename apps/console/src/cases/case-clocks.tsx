/**
 * The two clocks of a case: the internal SLA (first contact, the promised resolution; stands
 * still while the customer is asked) and the regulatory final-response deadline, which never
 * stops.
 */
import { Countdown } from '../components/countdown';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import type { CaseDetail } from './case-queries';

export function CaseClocks({ complaint }: { complaint: CaseDetail }) {
  const t = useT();
  const format = useFormat();
  const { deadlines, clocks } = complaint;
  const open = complaint.status !== 'closed';
  return (
    <section className="panel" aria-labelledby="clocks-heading">
      <h2 id="clocks-heading">{t('case.clocks')}</h2>
      <h3>{t('case.slaClock')}</h3>
      <dl className="facts">
        <dt>{t('case.deadline.firstContact')}</dt>
        <dd>
          {complaint.firstContactAt ? (
            t('case.metAt', { at: format.dateTime(complaint.firstContactAt) })
          ) : (
            <Deadline at={deadlines?.firstContactBy} running={open} />
          )}
        </dd>
        <dt>{t('case.deadline.promisedResolution')}</dt>
        <dd>
          <Deadline at={deadlines?.promisedResolutionBy} running={open && !complaint.resolution} />
        </dd>
        <dt>{t('case.slaPaused')}</dt>
        <dd>
          {format.duration(clocks.slaPausedMs)}
          {clocks.slaPausedSince ? (
            <span className="badge warning">{t('case.pausedSince', { at: format.dateTime(clocks.slaPausedSince) })}</span>
          ) : (
            <span className="hint"> {t('case.runningNow')}</span>
          )}
        </dd>
      </dl>
      <h3>{t('case.regulatoryClock')}</h3>
      <dl className="facts">
        <dt>{t('case.deadline.finalResponse')}</dt>
        <dd>
          <Deadline at={deadlines?.finalResponseBy} running={open && !complaint.resolution} />
          <div className="hint">{t('case.neverPaused')}</div>
        </dd>
      </dl>
    </section>
  );
}

function Deadline({ at, running }: { at: string | null | undefined; running: boolean }) {
  const format = useFormat();
  if (!running) return <span>{format.dateTime(at)}</span>;
  return (
    <>
      <Countdown at={at} />
      <div className="hint">{format.dateTime(at)}</div>
    </>
  );
}
