/**
 * `/approvals`: orders waiting for a level the signed-in user may decide (approval rules of the
 * company, functions/approvals), with approve / reject and a comment. Also the approval history
 * and budget notes shown on an order and the approval notice of the checkout.
 */
import { useState } from 'react';
import {
  approvalsApi,
  type ApprovalFlow,
  type BudgetEffect,
  type CheckoutApprovalInfo,
  type PendingApproval,
  type RequiredLevel,
} from '../account/approvalsApi.js';
import { roleLabel } from '../account/permissions.js';
import { Empty, ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { hasMessage, translate } from '../i18n/translate.js';
import { Link } from '../router.js';
import { useServices } from '../services.js';
import { useAsync } from '../useAsync.js';
import { formatWhen } from './OrderBits.js';
import { money } from './ProductBits.js';

type ApprovalReason = NonNullable<RequiredLevel['reasons']>[number];

/** Why a rule asks for approval, in the UI language, from the API's code and figures (never its English message, unless the code is new). */
export const approvalReasonText = (reason: ApprovalReason): string => {
  switch (reason.code) {
    case 'ORDER_TOTAL_ABOVE':
      return translate('orders.approvals.reason.ORDER_TOTAL_ABOVE', {
        basis: reason.params.basis,
        total: money(reason.params.total),
        limit: money(reason.params.limit),
      });
    case 'CONTAINS': {
      const items = [
        ...reason.params.categories.map((category) => translate('orders.rules.category', { category })),
        ...reason.params.skus.map((sku) => translate('orders.rules.sku', { sku })),
      ];
      return translate('orders.approvals.reason.CONTAINS', { items: items.join(', ') });
    }
    case 'DELIVERY_METHOD': {
      const key = `account.approval.delivery.${reason.params.method}`;
      return translate('orders.approvals.reason.DELIVERY_METHOD', { method: hasMessage(key) ? translate(key) : reason.params.method });
    }
    case 'BUYER_ROLE':
      return translate('orders.approvals.reason.BUYER_ROLE', { role: roleLabel(reason.params.role) });
    case 'USER_ORDER_LIMIT':
      return reason.params.limit
        ? translate('orders.approvals.reason.USER_ORDER_LIMIT', { total: money(reason.params.total), limit: money(reason.params.limit) })
        : translate('orders.rules.userLimit');
    case 'BUDGET_EXCEEDED':
      return reason.params.budgets.length
        ? translate('orders.approvals.reason.BUDGET_EXCEEDED', { count: reason.params.budgets.length, budgets: reason.params.budgets.join(', ') })
        : translate('orders.rules.budgetExceeded');
    default:
      return (reason as { message: string }).message;
  }
};

/**
 * The rules that asked for a level, each with its reason ("Rule name: reason"); the per-user order
 * limit by its reason alone. Flows stored before reasons existed show the rule names.
 */
export const levelRulesText = (level: RequiredLevel): string =>
  level.ruleNames
    .map((name, index) => {
      const reason = level.reasons?.[index];
      if (!reason) return name;
      const text = approvalReasonText(reason);
      return reason.code === 'USER_ORDER_LIMIT' ? text : translate('orders.approvals.ruleWithReason', { name, reason: text });
    })
    .join(', ');

export const Approvals = ({ companyId }: { companyId: string }) => {
  const { api } = useServices();
  const t = useT();
  const calls = approvalsApi(api.shop);
  const pending = useAsync((signal) => calls.pending(companyId, signal), [companyId]);

  return (
    <div className="approvals-page" data-testid="approvals-page">
      <header className="section-header">
        <div>
          <h1>{t('orders.approvals.title')}</h1>
          <p className="muted">{t('orders.approvals.intro')}</p>
        </div>
      </header>
      {pending.loading && !pending.data ? (
        <Loading label={t('orders.approvals.loading')} />
      ) : pending.error ? (
        <ErrorBox error={pending.error} onRetry={pending.reload} />
      ) : !pending.data?.approvals.length ? (
        <Empty>
          <span data-testid="approvals-empty">{t('orders.approvals.empty')}</span>
        </Empty>
      ) : (
        <ul className="plain-list approvals-list" data-testid="approvals-list">
          {pending.data.approvals.map((entry) => (
            <PendingCard key={entry.orderId} companyId={companyId} entry={entry} onDecided={pending.reload} />
          ))}
        </ul>
      )}
    </div>
  );
};

const PendingCard = ({ companyId, entry, onDecided }: { companyId: string; entry: PendingApproval; onDecided: () => void }) => {
  const { api } = useServices();
  const t = useT();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const level = entry.approvalFlow.levels[entry.approvalFlow.currentLevel - 1];

  const decide = async (approve: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await approvalsApi(api.shop).decide(companyId, entry.orderId, approve, comment.trim() || undefined);
      onDecided();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card panel" data-testid={`approval-${entry.orderNumber}`}>
      <header className="panel-header">
        <h2>
          <Link to={`/orders/${encodeURIComponent(entry.orderId)}`} className="mono">
            {entry.orderNumber}
          </Link>
        </h2>
        <span className="strong" data-testid="approval-total">
          {money({ amount: entry.gross.amount + entry.deliveryFee.amount, currency: entry.gross.currency })}
        </span>
      </header>
      <p className="muted small">
        {entry.placedBy.name} · {formatWhen(entry.createdAt)} · {t('orders.approvals.lines', { count: entry.lines })} ·{' '}
        {t('orders.approvals.net', { amount: money(entry.net) })}
        {entry.costCentre && ` · ${t('orders.approvals.costCentre', { costCentre: entry.costCentre })}`}
        {entry.poNumber && ` · ${t('orders.poShort', { po: entry.poNumber })}`}
      </p>
      {level && (
        <p data-testid="approval-level">
          {t('orders.approvals.level', { level: level.level, count: entry.approvalFlow.levels.length, rules: levelRulesText(level) })}
        </p>
      )}
      <BudgetNotes effects={entry.budgets} />
      <ApprovalHistory flow={entry.approvalFlow} />
      {error !== undefined && <ErrorBox error={error} />}
      <div className="approval-actions">
        <input
          type="text"
          maxLength={500}
          placeholder={t('orders.decide.commentPlaceholder')}
          aria-label={t('orders.approvals.comment')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          data-testid="approval-comment"
        />
        <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void decide(true)} data-testid="approval-approve">
          {t('orders.decide.approve')}
        </button>
        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={() => void decide(false)} data-testid="approval-reject">
          {t('orders.decide.reject')}
        </button>
      </div>
    </li>
  );
};

/** Levels with their decisions so far; the waiting level is marked. */
export const ApprovalHistory = ({ flow, status }: { flow: ApprovalFlow; status?: string }) => {
  const t = useT();
  return (
    <ol className="approval-history" data-testid="approval-history">
      {flow.levels.map((level) => {
        const decision = flow.history.find((entry) => entry.level === level.level);
        const waiting = !decision && level.level === flow.currentLevel && (status === undefined || status === 'awaiting-approval');
        const approvers = level.approverNames?.length
          ? level.approverNames
          : level.roles.map((role) => t('orders.approvals.anyRole', { role: roleLabel(role) }));
        return (
          <li key={level.level} data-testid={`approval-history-level-${level.level}`} data-state={decision?.decision ?? (waiting ? 'waiting' : 'open')}>
            <span className="strong">{t('orders.approvals.levelShort', { level: level.level })}</span>{' '}
            <span className="muted small">({levelRulesText(level)})</span>:{' '}
            {decision ? (
              <span>
                {t(decision.decision === 'approved' ? 'orders.approvals.approvedBy' : 'orders.approvals.rejectedBy', {
                  name: decision.by.name,
                  when: formatWhen(decision.at),
                })}
                {decision.comment && <q className="approval-comment-text"> {decision.comment}</q>}
              </span>
            ) : waiting ? (
              <span>{approvers.length ? t('orders.approvals.waitingFor', { approvers: approvers.join(', ') }) : t('orders.approvals.waiting')}</span>
            ) : (
              <span className="muted">—</span>
            )}
          </li>
        );
      })}
    </ol>
  );
};

export const BudgetNotes = ({ effects }: { effects: readonly BudgetEffect[] | undefined }) => {
  const t = useT();
  return effects && effects.length ? (
    <ul className="plain-list small budget-notes" data-testid="budget-notes">
      {effects.map((effect) => (
        <li
          key={effect.budgetId}
          className={effect.exceeded ? (effect.mode === 'block' ? 'text-error' : 'text-warn') : 'muted'}
          data-testid={`budget-note-${effect.budgetId}`}
          data-exceeded={effect.exceeded}
        >
          {t('orders.approvals.budget', {
            name: effect.name,
            period: effect.periodKey,
            consumed: money(effect.consumed),
            spend: money(effect.spend),
            after: money(effect.after),
            limit: money(effect.limit),
          })}
          {effect.exceeded ? ` ${t(effect.mode === 'block' ? 'orders.approvals.budgetBlocked' : 'orders.approvals.budgetWarning')}` : ''}
        </li>
      ))}
    </ul>
  ) : null;
};

/** Checkout: which approvals and budget effects apply to the order as it stands. */
export const CheckoutApprovalNotice = ({ info }: { info: CheckoutApprovalInfo }) => {
  const t = useT();
  const levels = info.approval?.levels ?? [];
  if (!levels.length && !info.budgets?.length) return null;
  return (
    <div className={levels.length ? 'alert alert-warn' : 'alert alert-info'} role="status" data-testid="checkout-approval-notice">
      <div>
        {levels.length > 0 && (
          <>
            <p data-testid="checkout-approval-required">{t('orders.approvals.checkoutRequired')}</p>
            <ol className="small">
              {levels.map((level) => (
                <li key={level.level}>
                  {t('orders.approvals.checkoutLevel', {
                    level: level.level,
                    approvers: [...(level.approverNames ?? [])].join(', ') || t('orders.approvals.nobody'),
                  })}{' '}
                  <span className="muted">({levelRulesText(level)})</span>
                </li>
              ))}
            </ol>
          </>
        )}
        <BudgetNotes effects={info.budgets} />
      </div>
    </div>
  );
};
