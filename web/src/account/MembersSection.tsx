/**
 * Members from other companies (several companies per user): the company admin invites an existing
 * portal user of another company by e-mail with a role here; that person accepts in the shop (banner,
 * /invitations) before anything is granted. Pending invitations can be revoked, memberships removed.
 * The member then switches to this company in the shop header.
 */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api.js';
import { ActionTable, RowAction, type Column } from '../components/ActionTable.js';
import { ErrorText } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { invitationColumns, membershipsApi, type PendingMemberInvitation } from '../shop/membershipsApi.js';
import type { CompanyRole, CompanyUser } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { roleLabel } from './permissions.js';

type Member = CompanyUser & { homeCompanyId?: string };

const memberColumns = (t: Translate): Column<Member>[] => [
  { label: t('account.name'), cell: (member) => member.name },
  { label: t('account.email'), cell: (member) => member.email },
  { label: t('account.members.roleHere'), cell: (member) => roleLabel(member.role) },
];

const pendingInvitationColumns = (t: Translate) =>
  invitationColumns<PendingMemberInvitation>({ label: t('account.email'), cell: (invitation) => invitation.email }, t('account.members.roleHere'));

export const MembersSection = ({ api, companyId, onChanged }: { api: ApiClient; companyId: string; onChanged: () => void }) => {
  const t = useT();
  const users = useAsync((signal) => api.listUsers(companyId, signal), [companyId]);
  const invitations = useAsync((signal) => membershipsApi(api).invitations(companyId, signal), [companyId]);
  const [invited, setInvited] = useState<string>();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<CompanyRole>('buyer');
  const { busy, error, run: runAction } = useBusyAction();
  const members = ((users.data ?? []) as Member[]).filter((user) => user.homeCompanyId);

  const run = (action: () => Promise<unknown>) =>
    runAction(async () => {
      await action();
      users.reload();
      invitations.reload();
      onChanged();
    });

  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return;
    setInvited(undefined);
    void run(async () => {
      const invitation = await membershipsApi(api).invite(companyId, email.trim(), role);
      setInvited(invitation.email);
      setEmail('');
    });
  };

  return (
    <section className="card panel" aria-labelledby="members-title" data-testid="members-section">
      <h2 id="members-title">{t('account.members.title')}</h2>
      <p className="muted small">{t('account.members.intro')}</p>
      {users.loading && <Loading label={t('account.members.loading')} />}
      {users.error !== undefined && <ErrorBox error={users.error} onRetry={users.reload} />}
      {members.length > 0 && (
        <ActionTable
          testId="members-table"
          rows={members}
          columns={memberColumns(t)}
          identify={(member) => ({ key: member.sub, testId: `member-${member.email}` })}
          actions={(member) => (
            <RowAction label={t('account.remove')} disabled={busy} onClick={() => void run(() => membershipsApi(api).removeMember(companyId, member.sub))} />
          )}
        />
      )}
      {invitations.error !== undefined && <ErrorBox error={invitations.error} onRetry={invitations.reload} />}
      {(invitations.data ?? []).length > 0 && (
        <ActionTable
          testId="member-invitations"
          caption={t('account.members.waiting')}
          rows={invitations.data ?? []}
          columns={pendingInvitationColumns(t)}
          identify={(invitation) => ({ key: invitation.sub, testId: `member-invitation-${invitation.email}` })}
          actions={(invitation) => (
            <RowAction
              label={t('account.members.revoke')}
              disabled={busy}
              onClick={() => void run(() => membershipsApi(api).revoke(companyId, invitation.sub))}
              testId={`member-invitation-revoke-${invitation.email}`}
            />
          )}
        />
      )}
      <form className="subform" onSubmit={add} noValidate>
        <div className="field-row">
          <label className="field">
            <span>{t('account.members.email')}</span>
            <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} maxLength={254} data-testid="member-email" />
          </label>
          <label className="field">
            <span>{t('account.members.role')}</span>
            <select value={role} onChange={(event) => setRole(event.target.value as CompanyRole)} data-testid="member-role">
              <option value="buyer">{roleLabel('buyer')}</option>
              <option value="super-user">{roleLabel('super-user')}</option>
              <option value="company-admin">{roleLabel('company-admin')}</option>
            </select>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !email.trim()} data-testid="member-add">
            {t('account.members.invite')}
          </button>
        </div>
      </form>
      {invited && (
        <p className="muted small" role="status" data-testid="member-invited">
          {t('account.members.invited', { email: invited })}
        </p>
      )}
      <ErrorText error={error} />
    </section>
  );
};
