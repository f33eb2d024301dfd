/** The console's routes under /console; a signed-out viewer sees the sign-in form wherever they land. */
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import { Failure, Loading } from './components/query-state';
import { useT } from './i18n/locale';
import { Shell } from './layout/shell';
import { VIEWS } from './layout/views';
import { Approvals } from './pages/approvals';
import { Audit } from './pages/audit';
import { CasePage } from './pages/case-page';
import { CasesList } from './pages/cases-list';
import { SignIn } from './pages/sign-in';
import { useCan, useRoleTable } from './session/permissions';
import { useSession } from './session/session';

// Charts are the heaviest part: loaded only when the dashboard is opened.
const Dashboard = lazy(() => import('./pages/dashboard').then((module) => ({ default: module.Dashboard })));

function Home() {
  const can = useCan();
  const { me } = useSession();
  const t = useT();
  const roleTable = useRoleTable();
  if (roleTable.isPending) return <Loading />;
  if (roleTable.isError) return <Failure error={roleTable.error} />;
  const first = VIEWS.find((view) => can(view.needs));
  if (first) return <Navigate to={first.path} replace />;
  return <p>{t('common.noAccess', { role: me ? t(`role.${me.role}`) : '' })}</p>;
}

function NotFound() {
  const t = useT();
  return <h1>{t('notFound.heading')}</h1>;
}

const router = createBrowserRouter(
  [
    {
      element: <Shell />,
      children: [
        { index: true, element: <Home /> },
        { path: 'cases', element: <CasesList /> },
        { path: 'cases/:id', element: <CasePage /> },
        { path: 'approvals', element: <Approvals /> },
        { path: 'audit', element: <Audit /> },
        { path: 'audit/:id', element: <Audit /> },
        {
          path: 'dashboard',
          element: (
            <Suspense fallback={<Loading />}>
              <Dashboard />
            </Suspense>
          ),
        },
        { path: '*', element: <NotFound /> },
      ],
    },
  ],
  { basename: '/console' },
);

export function App() {
  const { me } = useSession();
  if (!me) return <SignIn />;
  return <RouterProvider router={router} />;
}
