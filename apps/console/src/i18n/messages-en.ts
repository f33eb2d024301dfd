/**
 * The console's words in English: ICU MessageFormat (plurals, selects), read by react-intl.
 * Polish and Hebrew catalogues must have every key (the type says so).
 */
export const en = {
  'app.title': 'Complaints console',
  'nav.cases': 'Cases',
  'nav.approvals': 'Approvals',
  'nav.audit': 'Audit',
  'nav.dashboard': 'Dashboard',
  'nav.main': 'Main',
  'session.signedInAs': 'Signed in as {principal} ({role})',
  'session.signOut': 'Sign out',
  'session.language': 'Language',
  'signIn.heading': 'Sign in',
  'signIn.apiKey': 'API key',
  'signIn.submit': 'Sign in',
  'signIn.hint': 'Use the API key your administrator gave you. It is kept in this browser tab only.',
  'signIn.refused': 'This key was not accepted.',
  'common.loading': 'Loading…',
  'common.error': 'Something went wrong: {message}',
  'common.none': 'None',
  'common.noAccess': 'Your role ({role}) has no view here.',
  'role.intake': 'intake',
  'role.agent': 'agent',
  'role.manager': 'manager',
  'role.director': 'director',
  'role.auditor': 'auditor',
  'role.admin': 'administrator',
  // ── cases and the case page (keys cases.*, case.*, action.*, event.*) ──

  // (end of cases)

  // ── approvals, audit, dashboard (keys approvals.*, audit.*, dashboard.*) ──

  // (end of approvals, audit, dashboard)

  'notFound.heading': 'Page not found',
} as const;

export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;
