/** Sign in with an API key (kept in session storage only). */
import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/locale';
import { useSession } from '../session/session';

export function SignIn() {
  const t = useT();
  const { signIn } = useSession();
  const [key, setKey] = useState('');
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setRefused(false);
    try {
      await signIn(key.trim());
    } catch {
      setRefused(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>{t('app.title')}</h1>
      <form onSubmit={(event) => void submit(event)} aria-labelledby="sign-in-heading">
        <h2 id="sign-in-heading">{t('signIn.heading')}</h2>
        <label htmlFor="api-key">{t('signIn.apiKey')}</label>
        <input
          id="api-key"
          type="password"
          autoComplete="current-password"
          value={key}
          onChange={(event) => setKey(event.target.value)}
          aria-invalid={refused}
          aria-describedby="api-key-hint api-key-error"
          required
        />
        <p id="api-key-hint" className="hint">
          {t('signIn.hint')}
        </p>
        <p id="api-key-error" role="alert" className="error">
          {refused ? t('signIn.refused') : ''}
        </p>
        <button type="submit" disabled={busy || key.trim() === ''}>
          {t('signIn.submit')}
        </button>
      </form>
    </main>
  );
}
