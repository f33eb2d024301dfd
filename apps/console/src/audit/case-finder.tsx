/** Opens a case by its id (a UUID, directly) or by its reference (looked up with `GET /v1/complaints?reference=`). */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, query } from '../api/client';
import type { CasePage } from '../api/types';
import { Field, FormProblem } from '../components/field';
import { useT } from '../i18n/locale';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class NotFound extends Error {}

export function CaseFinder({ current }: { current: string | undefined }) {
  const t = useT();
  const navigate = useNavigate();
  const [text, setText] = useState(current ?? '');
  const find = useMutation({
    mutationFn: async (wanted: string): Promise<string> => {
      if (UUID.test(wanted)) return wanted.toLowerCase();
      const page = await api<CasePage>(`/v1/complaints${query({ reference: wanted, limit: 1 })}`);
      const found = page.items.find((item) => item.reference === wanted) ?? page.items[0];
      if (!found) throw new NotFound(t('audit.find.notFound', { reference: wanted }));
      return found.id;
    },
    onSuccess: (id) => navigate(`/audit/${id}`),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const wanted = text.trim();
    if (wanted) find.mutate(wanted);
  }

  return (
    <form className="panel case-finder" role="search" onSubmit={submit} aria-busy={find.isPending}>
      <Field label={t('audit.find.label')} path="query.reference" error={find.error} hint={t('audit.find.hint')}>
        {(props) => <input {...props} value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" spellCheck={false} />}
      </Field>
      <button type="submit" disabled={find.isPending}>
        {t('audit.find.open')}
      </button>
      {find.error instanceof NotFound ? (
        <p role="alert" className="error">
          {find.error.message}
        </p>
      ) : (
        <FormProblem error={find.error} fields={['query.reference']} />
      )}
    </form>
  );
}
