/** What a view shows while its data loads or when the API refused. */
import { useT } from '../i18n/locale';

export function Loading() {
  const t = useT();
  return <p role="status">{t('common.loading')}</p>;
}

export function Failure({ error }: { error: Error }) {
  const t = useT();
  return (
    <p role="alert" className="error">
      {t('common.error', { message: error.message })}
    </p>
  );
}
