/**
 * Company admin: purchase-order approval rules (order total, categories/SKUs, delivery method, buyer
 * role, the per-user order limit, exceeded warning budgets), each with one or more approval levels.
 * A level is approved by any one of its named users or users with one of its roles; levels run in order.
 */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api.js';
import { FormMessage } from '../components/Forms.js';
import { LabelledOptions } from '../components/Options.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
import { parseMinorUnits } from '../moneyInput.js';
import { money } from '../shop/ProductBits.js';
import type { CompanyRole } from '../types.js';
import { useAsync } from '../useAsync.js';
import { approvalsApi, conditionText, newClientId, type ApprovalRule, type ApproverLevel, type DeliveryKind, type RuleCondition } from './approvalsApi.js';
import { roleLabel } from './permissions.js';
import { SaveOrCancel, useActionStatus } from './SectionForm.js';

const companyRoles: readonly CompanyRole[] = ['company-admin', 'super-user', 'buyer'];
const deliveryKinds: readonly DeliveryKind[] = ['pickup', 'own-transport', 'carrier', 'dropshipping'];

type Kind = RuleCondition['kind'];
const kinds: readonly Kind[] = ['order-total-above', 'contains', 'delivery-method', 'buyer-role', 'user-order-limit', 'budget-exceeded'];
const kindLabels = (): Record<Kind, string> =>
  Object.fromEntries(kinds.map((kind) => [kind, translate(`account.approval.kind.${kind}`)])) as Record<Kind, string>;
const deliveryLabel = (kind: DeliveryKind): string => translate(`account.approval.delivery.${kind}` as MessageKey);

interface Draft {
  name: string;
  kind: Kind;
  basis: 'net' | 'gross';
  amount: string;
  categories: string;
  skus: string;
  methods: DeliveryKind[];
  roles: CompanyRole[];
  levels: { subs: string[]; roles: CompanyRole[] }[];
}

const emptyDraft = (): Draft => ({
  name: '',
  kind: 'order-total-above',
  basis: 'net',
  amount: '',
  categories: '',
  skus: '',
  methods: [],
  roles: ['buyer'],
  levels: [{ subs: [], roles: ['company-admin'] }],
});

const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

function toRule(draft: Draft, ruleId: string, currency: string): ApprovalRule | string {
  if (!draft.name.trim()) return translate('account.approval.nameMissing');
  let condition: RuleCondition;
  switch (draft.kind) {
    case 'order-total-above': {
      const amount = parseMinorUnits(draft.amount, currency);
      if (amount === undefined) return translate('account.approval.amountInvalid');
      condition = { kind: 'order-total-above', basis: draft.basis, amount: { amount, currency } };
      break;
    }
    case 'contains':
      condition = {
        kind: 'contains',
        categories: list(draft.categories).map((item) => item.toLowerCase()),
        skus: list(draft.skus).map((item) => item.toUpperCase()),
      };
      break;
    case 'delivery-method':
      condition = { kind: 'delivery-method', methods: draft.methods };
      break;
    case 'buyer-role':
      condition = { kind: 'buyer-role', roles: draft.roles };
      break;
    default:
      condition = { kind: draft.kind };
  }
  const levels: ApproverLevel[] = draft.levels.map((level) => ({ approverSubs: level.subs, roles: level.roles }));
  return { ruleId: draft.kind === 'user-order-limit' ? 'order-limit' : ruleId, name: draft.name.trim(), active: true, condition, levels, builtIn: false };
}

interface Props {
  api: ApiClient;
  companyId: string;
  /** The company's currency (order totals of rules are in it). */
  currency: string;
}

export const ApprovalRulesSection = ({ api, companyId, currency }: Props) => {
  const t = useT();
  const calls = approvalsApi(api);
  const rules = useAsync((signal) => calls.listRules(companyId, signal), [companyId]);
  const users = useAsync((signal) => api.listUsers(companyId, signal), [companyId]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, status, setStatus, run: runAction } = useActionStatus();

  const userName = (sub: string) => users.data?.find((user) => user.sub === sub)?.name ?? sub;
  const levelText = (level: ApproverLevel) =>
    [...level.approverSubs.map(userName), ...level.roles.map((role) => t('account.approval.anyRole', { role: roleLabel(role) }))].join(
      ` ${t('account.approval.or')} `,
    );

  const run = (action: () => Promise<unknown>, ok: string) =>
    runAction(async () => {
      await action();
      rules.reload();
    }, ok);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const rule = toRule(draft, newClientId(), currency);
    if (typeof rule === 'string') return setStatus({ error: rule });
    if (await run(() => calls.saveRule(companyId, rule), t('account.approval.saved'))) setDraft(null);
  };

  const setLevel = (index: number, level: Draft['levels'][number]) =>
    draft && setDraft({ ...draft, levels: draft.levels.map((current, at) => (at === index ? level : current)) });
  const toggle = <T,>(values: T[], value: T) => (values.includes(value) ? values.filter((item) => item !== value) : [...values, value]);

  return (
    <section className="card panel" aria-labelledby="approval-rules-title" data-testid="approval-rules-section">
      <header className="panel-header">
        <h2 id="approval-rules-title">{t('account.approval.title')}</h2>
        {!draft && (
          <button type="button" className="btn btn-small" onClick={() => setDraft(emptyDraft())} data-testid="approval-rule-new">
            {t('account.approval.new')}
          </button>
        )}
      </header>
      <p className="muted small">{t('account.approval.intro')}</p>
      {status && <FormMessage error={status.error} success={status.ok} testId="approval-rules-status" />}
      {rules.loading ? (
        <Loading label={t('account.approval.loading')} />
      ) : rules.error ? (
        <ErrorBox error={rules.error} onRetry={rules.reload} />
      ) : (
        <ul className="plain-list" data-testid="approval-rules">
          {(rules.data?.rules ?? []).map((rule) => (
            <li key={rule.ruleId} className={rule.active ? 'approval-rule' : 'approval-rule row-disabled'} data-testid={`approval-rule-${rule.ruleId}`}>
              <div className="strong">
                {rule.name} {rule.builtIn && <span className="badge">{t('account.approval.default')}</span>}{' '}
                {!rule.active && <span className="badge badge-warn">{t('account.approval.off')}</span>}
              </div>
              <div className="muted small">{conditionText(rule.condition, money)}</div>
              <ol className="small">
                {rule.levels.map((level, index) => (
                  <li key={index}>{t('account.approval.level', { level: index + 1, approvers: levelText(level) })}</li>
                ))}
              </ol>
              <div className="inline-actions">
                <button
                  type="button"
                  className="btn btn-small btn-link"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => calls.saveRule(companyId, { ...rule, active: !rule.active }),
                      rule.active ? t('account.approval.switchedOff') : t('account.approval.switchedOn'),
                    )
                  }
                  data-testid="approval-rule-toggle"
                >
                  {rule.active ? t('account.approval.switchOff') : t('account.approval.switchOn')}
                </button>
                {!rule.builtIn && (
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    disabled={busy}
                    onClick={() => void run(() => calls.deleteRule(companyId, rule.ruleId), t('account.approval.deleted'))}
                    data-testid="approval-rule-delete"
                  >
                    {rule.ruleId === 'order-limit' ? t('account.approval.backToDefault') : t('account.delete')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <form className="stack" onSubmit={(event) => void save(event)} data-testid="approval-rule-form">
          <label className="field">
            <span>{t('account.name')}</span>
            <input
              type="text"
              maxLength={80}
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              data-testid="approval-rule-name"
            />
          </label>
          <label className="field">
            <span>{t('account.approval.when')}</span>
            <select value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value as Kind })} data-testid="approval-rule-kind">
              <LabelledOptions values={kinds} labels={kindLabels()} />
            </select>
          </label>
          {draft.kind === 'order-total-above' && (
            <div className="field-row">
              <label className="field">
                <span>{t('account.approval.total')}</span>
                <select
                  value={draft.basis}
                  onChange={(event) => setDraft({ ...draft, basis: event.target.value as 'net' | 'gross' })}
                  data-testid="approval-rule-basis"
                >
                  <option value="net">{t('account.approval.net')}</option>
                  <option value="gross">{t('account.approval.gross')}</option>
                </select>
              </label>
              <label className="field">
                <span>{t('account.approval.above')}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  value={draft.amount}
                  onChange={(event) => setDraft({ ...draft, amount: event.target.value })}
                  data-testid="approval-rule-amount"
                />
              </label>
            </div>
          )}
          {draft.kind === 'contains' && (
            <div className="field-row">
              <label className="field">
                <span>{t('account.approval.categories')}</span>
                <input
                  type="text"
                  value={draft.categories}
                  placeholder={t('account.approval.categoriesExample')}
                  onChange={(event) => setDraft({ ...draft, categories: event.target.value })}
                  data-testid="approval-rule-categories"
                />
              </label>
              <label className="field">
                <span>{t('account.approval.skus')}</span>
                <input type="text" value={draft.skus} onChange={(event) => setDraft({ ...draft, skus: event.target.value })} data-testid="approval-rule-skus" />
              </label>
            </div>
          )}
          {draft.kind === 'delivery-method' && (
            <div className="choice-row">
              {deliveryKinds.map((kind) => (
                <label key={kind} className="check">
                  <input type="checkbox" checked={draft.methods.includes(kind)} onChange={() => setDraft({ ...draft, methods: toggle(draft.methods, kind) })} />{' '}
                  {deliveryLabel(kind)}
                </label>
              ))}
            </div>
          )}
          {draft.kind === 'buyer-role' && (
            <div className="choice-row">
              {companyRoles.map((role) => (
                <label key={role} className="check">
                  <input type="checkbox" checked={draft.roles.includes(role)} onChange={() => setDraft({ ...draft, roles: toggle(draft.roles, role) })} />{' '}
                  {roleLabel(role)}
                </label>
              ))}
            </div>
          )}
          {draft.levels.map((level, index) => (
            <fieldset key={index} className="approval-level" data-testid={`approval-level-${index + 1}`}>
              <legend>{t('account.approval.levelLegend', { level: index + 1 })}</legend>
              <div className="choice-row">
                {companyRoles.map((role) => (
                  <label key={role} className="check">
                    <input
                      type="checkbox"
                      checked={level.roles.includes(role)}
                      onChange={() => setLevel(index, { ...level, roles: toggle(level.roles, role) })}
                    />{' '}
                    {t('account.approval.anyRole', { role: roleLabel(role) })}
                  </label>
                ))}
              </div>
              <div className="choice-row">
                {(users.data ?? [])
                  .filter((user) => user.enabled)
                  .map((user) => (
                    <label key={user.sub} className="check">
                      <input
                        type="checkbox"
                        checked={level.subs.includes(user.sub)}
                        onChange={() => setLevel(index, { ...level, subs: toggle(level.subs, user.sub) })}
                        data-testid={`approval-level-user-${user.email}`}
                      />{' '}
                      {user.name}
                    </label>
                  ))}
              </div>
              {draft.levels.length > 1 && (
                <button
                  type="button"
                  className="btn btn-small btn-link"
                  onClick={() => setDraft({ ...draft, levels: draft.levels.filter((_, at) => at !== index) })}
                >
                  {t('account.approval.removeLevel')}
                </button>
              )}
            </fieldset>
          ))}
          {draft.levels.length < 5 && (
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setDraft({ ...draft, levels: [...draft.levels, { subs: [], roles: [] }] })}
              data-testid="approval-level-add"
            >
              {t('account.approval.addLevel')}
            </button>
          )}
          <SaveOrCancel label={t('account.approval.save')} busy={busy} testId="approval-rule-save" onCancel={() => setDraft(null)} />
        </form>
      )}
    </section>
  );
};
