/**
 * "Download dossier": the case's offline-verifiable export, fetched with the signed-in key
 * (a plain link could not send it) and saved as `dossier-<reference>.json`.
 */
import { useMutation } from '@tanstack/react-query';
import { authorization } from '../api/client';
import { ProblemError, type ProblemDetails } from '../api/problem';
import { FormProblem } from '../components/field';
import { useT } from '../i18n/locale';

async function downloadDossier(id: string, reference: string): Promise<void> {
  const response = await fetch(`/v1/complaints/${id}/dossier`, { headers: { Accept: 'application/json, application/problem+json', ...authorization() } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as ProblemDetails;
    throw new ProblemError({ ...problem, status: response.status });
  }
  const url = URL.createObjectURL(new Blob([await response.blob()], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `dossier-${reference}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DossierDownload({ id, reference }: { id: string; reference: string }) {
  const t = useT();
  const download = useMutation({ mutationFn: () => downloadDossier(id, reference) });
  return (
    <div className="panel dossier-download" aria-busy={download.isPending}>
      <button type="button" className="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {t('audit.dossier.download')}
      </button>
      <p role="status" className="hint">
        {download.isPending ? t('audit.dossier.preparing') : download.isSuccess ? t('audit.dossier.saved', { file: `dossier-${reference}.json` }) : ''}
      </p>
      <FormProblem error={download.error} fields={[]} />
    </div>
  );
}
