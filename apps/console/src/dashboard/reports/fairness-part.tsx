/**
 * Fairness (`GET /v1/reports/fairness?by=`): each group's cases, times and rates, the groups
 * too small to judge said to be so, and the gaps the API flagged, each with the test that
 * found it, its p-value (alone and Holm-adjusted) and the sample sizes; or, in words, that
 * none was flagged.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { api, query } from '../../api/client';
import { useFormat } from '../../i18n/format';
import { useT } from '../../i18n/locale';
import type { MessageId } from '../../i18n/messages-en';
import { FiguresTable } from '../figures-table';
import { FAIRNESS_GROUPINGS, type FairnessGrouping, type FairnessReport, type ReportRange } from './report-types';
import { ReportPart } from './report-part';

const TIME_METRICS = ['timeToAcknowledgment', 'timeToFirstContact', 'timeToFinalResponse'] as const;
const RATE_METRICS = ['upheld', 'reopened', 'escalated', 'compensationOffered', 'compensationApproved', 'promiseBroken'] as const;
const NO_GROUP = '(none)';
const CHANNELS = ['phone', 'email', 'web', 'chat', 'social', 'letter', 'in_person', 'fax'];

export function FairnessPart({ range }: { range: ReportRange }) {
  const t = useT();
  const intl = useIntl();
  const format = useFormat();
  const byId = useId();
  const [by, setBy] = useState<FairnessGrouping>('segment');
  const report = useQuery({
    queryKey: ['reports', 'fairness', by, range.from, range.to],
    queryFn: () => api<FairnessReport>(`/v1/reports/fairness${query({ ...range, by })}`),
    placeholderData: keepPreviousData,
  });
  const count = (value: number) => format.number(value);
  const metric = (name: string) => t('reports.metric', { metric: name });
  const groupName = (group: string, grouping: FairnessGrouping) => {
    if (group === NO_GROUP) return t('reports.noGroup');
    if (grouping === 'channel' && CHANNELS.includes(group)) return t(`case.channel.${group}` as MessageId);
    if (grouping === 'language') return intl.formatDisplayName(group, { type: 'language', fallback: 'code' }) ?? group;
    return group;
  };
  const pValue = (p: number) => (p !== 0 && p < 0.001 ? intl.formatNumber(p, { notation: 'scientific', maximumSignificantDigits: 2 }) : intl.formatNumber(p, { maximumSignificantDigits: 2 }));
  // under a minute in seconds (a gap of seconds is still a gap), longer as the console says durations elsewhere
  const time = (ms: number | null) => (ms !== null && ms < 60_000 ? intl.formatNumber(ms / 1000, { style: 'unit', unit: 'second', unitDisplay: 'long', maximumFractionDigits: 1 }) : format.duration(ms));
  const figure = (value: number | null, isTime: boolean) => (isTime ? time(value) : format.percent(value));

  const controls = (
    <div className="form-row report-controls">
      <label htmlFor={byId}>{t('reports.fairnessBy')}</label>
      <select id={byId} value={by} onChange={(event) => setBy(event.target.value as FairnessGrouping)}>
        {FAIRNESS_GROUPINGS.map((grouping) => (
          <option key={grouping} value={grouping}>
            {t('reports.grouping', { by: grouping })}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <ReportPart title={t('reports.fairness')} report={report} controls={controls}>
      {(fairness) => {
        const tooSmall = fairness.groups.filter((group) => group.tooSmall);
        const flagged = fairness.comparisons.filter((comparison) => comparison.flagged);
        const alpha = intl.formatNumber(fairness.alpha);
        return (
          <>
            {fairness.groups.length === 0 ? (
              <p>{t('dashboard.empty')}</p>
            ) : (
              <>
                <p className="hint">{t('reports.fairnessNote')}</p>
                <FiguresTable
                  scroll
                  caption={t('reports.fairnessGroups')}
                  table={{
                    columns: [t('reports.grouping', { by: fairness.by }), t('reports.cases'), ...TIME_METRICS.map(metric), ...RATE_METRICS.map(metric)],
                    rows: fairness.groups.map((group) => {
                      const name = groupName(group.group, fairness.by);
                      return {
                        key: group.group,
                        cells: [
                          // a group's name is the customer's data, in any script: isolated from the sentence around it
                          group.tooSmall ? intl.formatMessage({ id: 'reports.tooSmallGroup' }, { group: <bdi key="group">{name}</bdi> }) : <bdi>{name}</bdi>,
                          count(group.cases),
                          ...TIME_METRICS.map((key) => t('reports.timeCell', { median: time(group.times[key].medianMs), p90: time(group.times[key].p90Ms) })),
                          ...RATE_METRICS.map((key) => t('reports.rateCell', { rate: format.percent(group.rates[key].rate), count: count(group.rates[key].count), of: count(group.rates[key].of) })),
                        ],
                      };
                    }),
                  }}
                />
              </>
            )}
            {tooSmall.length > 0 ? <p>{t('reports.tooSmall', { count: tooSmall.length, min: fairness.minGroupSize })}</p> : null}
            {flagged.length === 0 ? (
              <p>{t('reports.noGap', { alpha })}</p>
            ) : (
              <>
                <p>{t('reports.gaps', { count: flagged.length, alpha })}</p>
                <FiguresTable
                  scroll
                  caption={t('reports.gaps', { count: flagged.length, alpha })}
                  table={{
                    columns: [
                      t('reports.group'),
                      t('dashboard.measure'),
                      t('reports.testName'),
                      t('reports.groupValue'),
                      t('reports.restValue'),
                      t('reports.pValue'),
                      t('reports.adjustedPValue'),
                      t('reports.sizes'),
                    ],
                    rows: flagged.map((gap) => {
                      const isTime = gap.test === 'mann-whitney-u';
                      return {
                        key: `${gap.metric}:${gap.group}`,
                        cells: [
                          <bdi>{groupName(gap.group, fairness.by)}</bdi>,
                          metric(gap.metric),
                          t('reports.test', { test: gap.test.replaceAll('-', '_') }),
                          figure(gap.values.group, isTime),
                          figure(gap.values.rest, isTime),
                          pValue(gap.pValue),
                          pValue(gap.adjustedPValue),
                          t('reports.sizesCell', { group: count(gap.sizes.group), rest: count(gap.sizes.rest) }),
                        ],
                      };
                    }),
                  }}
                />
              </>
            )}
          </>
        );
      }}
    </ReportPart>
  );
}
