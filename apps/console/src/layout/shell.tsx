/** The frame of every signed-in page: who is signed in, the views the role may use, the language. */
import { NavLink, Outlet } from 'react-router';
import { LOCALES, useLocale, useT, type Locale } from '../i18n/locale';
import { useCan } from '../session/permissions';
import { useSession } from '../session/session';
import { VIEWS } from './views';

export function Shell() {
  const t = useT();
  const { me, signOut } = useSession();
  const { locale, setLocale } = useLocale();
  const can = useCan();
  if (!me) return null;
  const views = VIEWS.filter((view) => can(view.needs));
  return (
    <div className="shell">
      <header className="shell-header">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.main')}>
          <ul>
            {views.map((view) => (
              <li key={view.path}>
                <NavLink to={view.path}>{t(view.label)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="session">
          <span>{t('session.signedInAs', { principal: me.principal, role: t(`role.${me.role}`) })}</span>
          <label>
            {t('session.language')}{' '}
            <select value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
              {(Object.keys(LOCALES) as Locale[]).map((code) => (
                <option key={code} value={code} lang={code}>
                  {LOCALES[code].name}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={signOut}>
            {t('session.signOut')}
          </button>
        </div>
      </header>
      <main className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
