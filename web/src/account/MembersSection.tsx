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
import { invitationColumns, membershipsApi, type PendingMemberInvitation } from '../shop/membershipsApi.js';
import type { CompanyRole, CompanyUser } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { roleLabel } from './permissions.js';

type Member = CompanyUser & { homeCompanyId?: string };

const memberColumns: Column<Member>[] = [
  { label: 'Name', cell: (member) => member.name },
  { label: 'E-mail', cell: (member) => member.email },
  { label: 'Role here', cell: (member) => roleLabel(member.role) },
];

const pendingInvitationColumns = invitationColumns<PendingMemberInvitation>({ label: 'E-mail', cell: (invitation) => invitation.email }, 'Role here');

export const MembersSection = ({ api, companyId, onChanged }: { api: ApiClient; companyId: string; onChanged: () => void }) => {
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
      <h2 id="members-title">Members from other companies</h2>
      <p className="muted small">
        People who already have an account with another company (e.g. a group’s central purchasing) and work for yours too. They get an invitation and become
        members only when they accept it; then they switch companies in the shop header.
      </p>
      {users.loading && <Loading label="Loading members…" />}
      {users.error !== undefined && <ErrorBox error={users.error} onRetry={users.reload} />}
      {members.length > 0 && (
        <ActionTable
          testId="members-table"
          rows={members}
          columns={memberColumns}
          identify={(member) => ({ key: member.sub, testId: `member-${member.email}` })}
          actions={(member) => (
            <RowAction label="Remove" disabled={busy} onClick={() => void run(() => membershipsApi(api).removeMember(companyId, member.sub))} />
          )}
        />
      )}
      {invitations.error !== undefined && <ErrorBox error={invitations.error} onRetry={invitations.reload} />}
      {(invitations.data ?? []).length > 0 && (
        <ActionTable
          testId="member-invitations"
          caption="Invitations waiting for an answer"
          rows={invitations.data ?? []}
          columns={pendingInvitationColumns}
          identify={(invitation) => ({ key: invitation.sub, testId: `member-invitation-${invitation.email}` })}
          actions={(invitation) => (
            <RowAction
              label="Revoke"
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
            <span>E-mail of the portal user</span>
            <input type="email" value={email} onChange={(event) => setEmail(event.target.value)} maxLength={254} data-testid="member-email" />
          </label>
          <label className="field">
            <span>Role in this company</span>
            <select value={role} onChange={(event) => setRole(event.target.value as CompanyRole)} data-testid="member-role">
              <option value="buyer">{roleLabel('buyer')}</option>
              <option value="super-user">{roleLabel('super-user')}</option>
              <option value="company-admin">{roleLabel('company-admin')}</option>
            </select>
          </label>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || !email.trim()} data-testid="member-add">
            Invite
          </button>
        </div>
      </form>
      {invited && (
        <p className="muted small" role="status" data-testid="member-invited">
          Invitation sent to {invited}. They become a member once they accept it.
        </p>
      )}
      <ErrorText error={error} />
    </section>
  );
};
