/**
 * Membership invitations of the signed-in user (issue 12): another company's admin invited them; they
 * become a member only by accepting here. A banner on every shop page and the page `/invitations` (the
 * e-mail's link), which also lists the user's memberships with "Leave". Answers go as the home company.
 * After a change the page reloads, like the company switcher, so header, switcher and data follow.
 */
import { rememberActiveCompany } from '../activeCompany.js';
import { roleLabel } from '../account/permissions.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { Me } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { membershipsApi, type MyInvitation } from './membershipsApi.js';
import './invitations.css';

const reload = () => window.location.assign(window.location.pathname);

const useInvitationActions = () => {
  const { api } = useServices();
  const { busy, error, run } = useBusyAction();
  const answer = (invitation: MyInvitation, accept: boolean) =>
    void run(async () => {
      await (accept ? membershipsApi(api.shop).accept(invitation.companyId) : membershipsApi(api.shop).decline(invitation.companyId));
      reload();
    });
  return { api, busy, error, run, answer };
};

const AnswerButtons = ({ invitation, busy, answer }: { invitation: MyInvitation; busy: boolean; answer: (invitation: MyInvitation, accept: boolean) => void }) => (
  <span className="invitation-actions">
    <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => answer(invitation, true)} data-testid={`invitation-accept-${invitation.companyId}`}>
      Accept
    </button>
    <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => answer(invitation, false)} data-testid={`invitation-decline-${invitation.companyId}`}>
      Decline
    </button>
  </span>
);

/** One line per open invitation, above the page content; nothing when there is none. */
export const InvitationsBanner = ({ sessionKey }: { sessionKey: string }) => {
  const { api } = useServices();
  const invitations = useAsync((signal) => membershipsApi(api.shop).mine(signal), [sessionKey]);
  const { busy, error, answer } = useInvitationActions();
  const open = invitations.data ?? [];
  if (open.length === 0) return null;
  return (
    <div className="invitation-banner" role="status" data-testid="invitation-banner">
      {open.map((invitation) => (
        <p key={invitation.companyId} className="invitation-line" data-testid={`invitation-${invitation.companyId}`}>
          <span>
            <strong>{invitation.companyName}</strong> invites you as {roleLabel(invitation.role).toLowerCase()}.{' '}
            <Link to="/invitations">Details</Link>
          </span>
          <AnswerButtons invitation={invitation} busy={busy} answer={answer} />
        </p>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
};

/** `/invitations`: open invitations with who invited and until when, and the user's memberships. */
export const InvitationsPage = ({ me }: { me: Me }) => {
  const { api, busy, error, run, answer } = useInvitationActions();
  const invitations = useAsync((signal) => membershipsApi(api.shop).mine(signal), []);
  const memberships = (me.companies ?? []).filter((company) => !company.home);

  const leave = (companyId: string) =>
    void run(async () => {
      await membershipsApi(api.shop).leave(companyId);
      if (me.activeCompanyId === companyId) rememberActiveCompany(me.user.sub, undefined);
      reload();
    });

  return (
    <div className="invitations-page" data-testid="invitations-page">
      <header className="section-header">
        <div>
          <h1>Invitations</h1>
          <p className="muted">Other companies can invite you to order for them with your account. Nothing changes until you accept; you can leave a company at any time.</p>
        </div>
      </header>
      <section className="card panel" aria-labelledby="open-invitations-title">
        <h2 id="open-invitations-title">Open invitations</h2>
        {invitations.loading && <Loading label="Loading invitations…" />}
        {invitations.error !== undefined && <ErrorBox error={invitations.error} onRetry={invitations.reload} />}
        {invitations.data && invitations.data.length === 0 && <p className="muted status-empty">You have no open invitations.</p>}
        {invitations.data && invitations.data.length > 0 && (
          <table className="data-table" data-testid="invitations-table">
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">Role</th>
                <th scope="col">Invited by</th>
                <th scope="col">Expires</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((invitation) => (
                <tr key={invitation.companyId} data-testid={`invitation-row-${invitation.companyId}`}>
                  <td>{invitation.companyName}</td>
                  <td>{roleLabel(invitation.role)}</td>
                  <td>{invitation.invitedBy.name}</td>
                  <td>{new Date(invitation.expiresAt).toLocaleDateString()}</td>
                  <td>
                    <AnswerButtons invitation={invitation} busy={busy} answer={answer} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card panel" aria-labelledby="memberships-title">
        <h2 id="memberships-title">Your memberships in other companies</h2>
        {memberships.length === 0 ? (
          <p className="muted status-empty">You work only for your own company.</p>
        ) : (
          <table className="data-table" data-testid="memberships-table">
            <thead>
              <tr>
                <th scope="col">Company</th>
                <th scope="col">Role</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {memberships.map((membership) => (
                <tr key={membership.companyId} data-testid={`membership-${membership.companyId}`}>
                  <td>{membership.name}</td>
                  <td>{roleLabel(membership.role)}</td>
                  <td>
                    <button type="button" className="btn btn-ghost btn-small" disabled={busy} onClick={() => leave(membership.companyId)} data-testid={`membership-leave-${membership.companyId}`}>
                      Leave
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
};
