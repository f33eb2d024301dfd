/**
 * "Approve" / "Reject" with a "Reason": POST …/compensation-proposals/{proposalId}/decision.
 * The API's refusal is shown next to the reason (errors naming `reason`) or under the form;
 * a decision takes the proposal out of the inbox and refreshes the case.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { CommandReply } from '../api/types';
import { Field, FormProblem } from '../components/field';
import { useFormat } from '../i18n/format';
import { useT } from '../i18n/locale';
import { approvalsQueryKey, type ApprovalInbox, type ApprovalItem } from './approval-types';

type Decision = 'approve' | 'reject';

export function DecisionForm({ item, onDecided }: { item: ApprovalItem; onDecided(message: string): void }) {
  const t = useT();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      api<CommandReply>(`/v1/complaints/${item.complaintId}/compensation-proposals/${item.proposalId}/decision`, {
        method: 'POST',
        body: { decision, reason },
      }),
    onSuccess: async (_reply, decision) => {
      onDecided(
        t('approvals.decided', { decision, type: t('approvals.type', { type: item.type }), amount: format.money(item.amount), reference: item.reference }),
      );
      // the decided proposal leaves at once; the refetch then brings whatever else changed
      queryClient.setQueryData<ApprovalInbox>(approvalsQueryKey, (inbox) => inbox && { items: inbox.items.filter((other) => other.proposalId !== item.proposalId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: approvalsQueryKey }),
        queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(item.complaintId) }),
      ]);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    decide.mutate(submitter?.value === 'reject' ? 'reject' : 'approve');
  }

  return (
    <form className="decision" onSubmit={submit} aria-busy={decide.isPending}>
      <Field label={t('approvals.reason')} path="reason" error={decide.error}>
        {(props) => <textarea {...props} value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />}
      </Field>
      <div className="decision-buttons">
        <button type="submit" name="decision" value="approve" disabled={decide.isPending}>
          {t('approvals.approve')}
        </button>
        <button type="submit" name="decision" value="reject" className="secondary" disabled={decide.isPending}>
          {t('approvals.reject')}
        </button>
      </div>
      <FormProblem error={decide.error} fields={['reason']} />
    </form>
  );
}
