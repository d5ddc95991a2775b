/**
 * Membership invitations of the signed-in user (issue 12): another company's admin invited them; they
 * become a member only by accepting here. A banner on every shop page and the page `/invitations` (the
 * e-mail's link), which also lists the user's memberships with "Leave". Answers go as the home company.
 * After a change the page reloads, like the company switcher, so header, switcher and data follow.
 */
import { rememberActiveCompany } from '../activeCompany.js';
import { roleLabel } from '../account/permissions.js';
import { ActionTable, RowAction, type Column } from '../components/ActionTable.js';
import { ErrorText } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useLanguage, useT, type Translate } from '../i18n/I18n.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import type { Me } from '../types.js';
import { useAsync } from '../useAsync.js';
import { useBusyAction } from '../useBusyAction.js';
import { invitationColumns, membershipsApi, type MyInvitation } from './membershipsApi.js';
import './invitations.css';

type Membership = NonNullable<Me['companies']>[number];

const myInvitationColumns = (t: Translate) =>
  invitationColumns<MyInvitation>({ label: t('orders.invitations.company'), cell: (invitation) => invitation.companyName }, t('orders.invitations.role'));

const membershipColumns = (t: Translate): Column<Membership>[] => [
  { label: t('orders.invitations.company'), cell: (membership) => membership.name },
  { label: t('orders.invitations.role'), cell: (membership) => roleLabel(membership.role) },
];

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

const AnswerButtons = ({
  invitation,
  busy,
  answer,
}: {
  invitation: MyInvitation;
  busy: boolean;
  answer: (invitation: MyInvitation, accept: boolean) => void;
}) => {
  const t = useT();
  return (
    <span className="invitation-actions">
      <button
        type="button"
        className="btn btn-primary btn-small"
        disabled={busy}
        onClick={() => answer(invitation, true)}
        data-testid={`invitation-accept-${invitation.companyId}`}
      >
        {t('orders.invitations.accept')}
      </button>
      <RowAction
        label={t('orders.invitations.decline')}
        disabled={busy}
        onClick={() => answer(invitation, false)}
        testId={`invitation-decline-${invitation.companyId}`}
      />
    </span>
  );
};

/** One line per open invitation, above the page content; nothing when there is none. */
export const InvitationsBanner = ({ sessionKey }: { sessionKey: string }) => {
  const { api } = useServices();
  const invitations = useAsync((signal) => membershipsApi(api.shop).mine(signal), [sessionKey]);
  const { busy, error, answer } = useInvitationActions();
  const t = useT();
  const { language } = useLanguage();
  // English and Polish write the role in lower case within the sentence; German nouns keep their capital.
  const roleInSentence = (role: string) => (language === 'de' ? roleLabel(role) : roleLabel(role).toLowerCase());
  const open = invitations.data ?? [];
  if (open.length === 0) return null;
  return (
    <div className="invitation-banner" role="status" data-testid="invitation-banner">
      {open.map((invitation) => (
        <p key={invitation.companyId} className="invitation-line" data-testid={`invitation-${invitation.companyId}`}>
          <span>
            <strong>{invitation.companyName}</strong> {t('orders.invitations.invitesYou', { role: roleInSentence(invitation.role) })}{' '}
            <Link to="/invitations">{t('orders.invitations.details')}</Link>
          </span>
          <AnswerButtons invitation={invitation} busy={busy} answer={answer} />
        </p>
      ))}
      <ErrorText error={error} />
    </div>
  );
};

/** `/invitations`: open invitations with who invited and until when, and the user's memberships. */
export const InvitationsPage = ({ me }: { me: Me }) => {
  const { api, busy, error, run, answer } = useInvitationActions();
  const t = useT();
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
          <h1>{t('orders.invitations.title')}</h1>
          <p className="muted">{t('orders.invitations.intro')}</p>
        </div>
      </header>
      <section className="card panel" aria-labelledby="open-invitations-title">
        <h2 id="open-invitations-title">{t('orders.invitations.open')}</h2>
        {invitations.loading && <Loading label={t('orders.invitations.loading')} />}
        {invitations.error !== undefined && <ErrorBox error={invitations.error} onRetry={invitations.reload} />}
        {invitations.data && invitations.data.length === 0 && <p className="muted status-empty">{t('orders.invitations.none')}</p>}
        {invitations.data && invitations.data.length > 0 && (
          <ActionTable
            testId="invitations-table"
            rows={invitations.data}
            columns={myInvitationColumns(t)}
            identify={(invitation) => ({ key: invitation.companyId, testId: `invitation-row-${invitation.companyId}` })}
            actions={(invitation) => <AnswerButtons invitation={invitation} busy={busy} answer={answer} />}
          />
        )}
      </section>
      <section className="card panel" aria-labelledby="memberships-title">
        <h2 id="memberships-title">{t('orders.invitations.memberships')}</h2>
        {memberships.length === 0 ? (
          <p className="muted status-empty">{t('orders.invitations.onlyOwn')}</p>
        ) : (
          <ActionTable
            testId="memberships-table"
            rows={memberships}
            columns={membershipColumns(t)}
            identify={(membership) => ({ key: membership.companyId, testId: `membership-${membership.companyId}` })}
            actions={(membership) => (
              <RowAction
                label={t('orders.invitations.leave')}
                disabled={busy}
                onClick={() => leave(membership.companyId)}
                testId={`membership-leave-${membership.companyId}`}
              />
            )}
          />
        )}
      </section>
      <ErrorText error={error} />
    </div>
  );
};
