/**
 * The case list: the API's filters as a form kept in the URL (a filtered view can be linked
 * and the back button works), shortcuts to the viewer's own cases and the queues, each
 * case's next deadline and promised resolution as countdowns, breached and at-risk cases
 * marked with a badge, "Load more" pages by the API's cursor, refreshed every few seconds.
 */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, query } from '../api/client';
import type { CasePage } from '../api/types';
import { CaseFilters, toApiFilters } from '../cases/case-filters';
import { CaseRow } from '../cases/case-row';
import { caseKeys } from '../cases/case-queries';
import { Failure, Loading } from '../components/query-state';
import { useT } from '../i18n/locale';
import { useSession } from '../session/session';
import '../cases/cases.css';

const REFRESH_MS = 5_000;

export function CasesList() {
  const t = useT();
  const { me } = useSession();
  const [searchParams] = useSearchParams();
  const filters = toApiFilters(searchParams);
  const cases = useInfiniteQuery({
    queryKey: [...caseKeys.list, filters],
    queryFn: ({ pageParam }) => api<CasePage>(`/v1/complaints${query({ ...filters, cursor: pageParam })}`),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: REFRESH_MS,
  });
  const mine = me ? `?${new URLSearchParams({ owner: me.principal }).toString()}` : '';
  const shortcut = (search: string) => (searchParams.toString() === search.slice(1) ? 'page' : undefined);

  return (
    <>
      <h1>{t('cases.heading')}</h1>
      <nav aria-label={t('cases.shortcuts')} className="shortcuts">
        <Link to={{ search: '' }} aria-current={shortcut('?')}>
          {t('cases.all')}
        </Link>
        {me ? (
          <Link to={{ search: mine }} aria-current={shortcut(mine)}>
            {t('cases.mine')}
          </Link>
        ) : null}
        <Link to={{ search: '?ownerKind=queue' }} aria-current={shortcut('?ownerKind=queue')}>
          {t('cases.myQueues')}
        </Link>
      </nav>
      <CaseFilters key={searchParams.toString()} />
      {cases.isPending ? (
        <Loading />
      ) : cases.isError ? (
        <Failure error={cases.error} />
      ) : (
        <>
          <table className="cases-table">
            <caption className="visually-hidden">{t('cases.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.column.reference')}</th>
                <th scope="col">{t('cases.column.summary')}</th>
                <th scope="col">{t('cases.column.status')}</th>
                <th scope="col">{t('cases.column.owner')}</th>
                <th scope="col">{t('cases.column.nextDeadline')}</th>
                <th scope="col">{t('cases.column.promisedResolution')}</th>
                <th scope="col">{t('cases.column.received')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.data.pages.flatMap((page) => page.items).map((complaint) => (
                <CaseRow key={complaint.id} complaint={complaint} />
              ))}
            </tbody>
          </table>
          {cases.data.pages[0].items.length === 0 ? <p>{t('cases.empty')}</p> : null}
          {cases.hasNextPage ? (
            <button type="button" className="secondary load-more" disabled={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
              {t('cases.loadMore')}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}
