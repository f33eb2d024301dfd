/** הטקסטים של המסוף בעברית (ICU MessageFormat; הפריסה כולה מתהפכת מימין לשמאל). */
import type { Catalogue } from './messages-en';

export const he: Catalogue = {
  'app.title': 'מסוף תלונות',
  'nav.cases': 'תיקים',
  'nav.approvals': 'אישורים',
  'nav.audit': 'ביקורת',
  'nav.dashboard': 'לוח מחוונים',
  'nav.main': 'ראשי',
  'session.signedInAs': 'מחובר/ת בתור {principal} ({role})',
  'session.signOut': 'התנתקות',
  'session.language': 'שפה',
  'signIn.heading': 'כניסה',
  'signIn.apiKey': 'מפתח API',
  'signIn.submit': 'כניסה',
  'signIn.hint': 'השתמשו במפתח ה-API שקיבלתם מהמנהל. הוא נשמר בלשונית זו בלבד.',
  'signIn.refused': 'המפתח לא התקבל.',
  'common.loading': 'טוען…',
  'common.error': 'משהו השתבש: {message}',
  'common.none': 'אין',
  'common.noAccess': 'לתפקיד שלך ({role}) אין כאן תצוגה.',
  'role.intake': 'קליטה',
  'role.agent': 'נציג/ה',
  'role.manager': 'מנהל/ת',
  'role.director': 'מנהל/ת בכיר/ה',
  'role.auditor': 'מבקר/ת',
  'role.admin': 'מנהל/ת מערכת',
  // ── cases and the case page (keys cases.*, case.*, action.*, event.*) ──

  // (end of cases)

  // ── approvals, audit, dashboard (keys approvals.*, audit.*, dashboard.*) ──

  // (end of approvals, audit, dashboard)

  'notFound.heading': 'הדף לא נמצא',
};
