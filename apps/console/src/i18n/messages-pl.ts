/** Polskie teksty konsoli (ICU MessageFormat; liczba mnoga: one, few, many, other). */
import type { Catalogue } from './messages-en';

export const pl: Catalogue = {
  'app.title': 'Konsola reklamacji',
  'nav.cases': 'Sprawy',
  'nav.approvals': 'Akceptacje',
  'nav.audit': 'Audyt',
  'nav.dashboard': 'Pulpit',
  'nav.main': 'Główna',
  'session.signedInAs': 'Zalogowano jako {principal} ({role})',
  'session.signOut': 'Wyloguj',
  'session.language': 'Język',
  'signIn.heading': 'Logowanie',
  'signIn.apiKey': 'Klucz API',
  'signIn.submit': 'Zaloguj',
  'signIn.hint': 'Użyj klucza API od administratora. Jest przechowywany tylko w tej karcie przeglądarki.',
  'signIn.refused': 'Ten klucz nie został przyjęty.',
  'common.loading': 'Ładowanie…',
  'common.error': 'Coś poszło nie tak: {message}',
  'common.none': 'Brak',
  'common.noAccess': 'Twoja rola ({role}) nie ma tu widoku.',
  'role.intake': 'przyjmowanie',
  'role.agent': 'konsultant',
  'role.manager': 'kierownik',
  'role.director': 'dyrektor',
  'role.auditor': 'audytor',
  'role.admin': 'administrator',
  // ── cases and the case page (keys cases.*, case.*, action.*, event.*) ──

  // (end of cases)

  // ── approvals, audit, dashboard (keys approvals.*, audit.*, dashboard.*) ──

  // (end of approvals, audit, dashboard)

  'notFound.heading': 'Nie znaleziono strony',
};
