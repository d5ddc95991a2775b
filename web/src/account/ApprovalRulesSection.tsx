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
import { parseMinorUnits } from '../moneyInput.js';
import { money } from '../shop/ProductBits.js';
import type { CompanyRole } from '../types.js';
import { useAsync } from '../useAsync.js';
import { approvalsApi, conditionText, newClientId, type ApprovalRule, type ApproverLevel, type DeliveryKind, type RuleCondition } from './approvalsApi.js';
import { roleLabel } from './permissions.js';
import { SaveOrCancel, useActionStatus } from './SectionForm.js';

const CURRENCY = 'EUR';
const companyRoles: readonly CompanyRole[] = ['company-admin', 'super-user', 'buyer'];
const deliveryKinds: readonly DeliveryKind[] = ['pickup', 'own-transport', 'carrier', 'dropshipping'];

type Kind = RuleCondition['kind'];
const kindLabels: Record<Kind, string> = {
  'order-total-above': 'Order total above',
  contains: 'Contains categories / SKUs',
  'delivery-method': 'Delivery method',
  'buyer-role': 'Buyer role',
  'user-order-limit': 'Buyer’s own order limit',
  'budget-exceeded': 'Warning budget exceeded',
};

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

function toRule(draft: Draft, ruleId: string): ApprovalRule | string {
  if (!draft.name.trim()) return 'Please name the rule.';
  let condition: RuleCondition;
  switch (draft.kind) {
    case 'order-total-above': {
      const amount = parseMinorUnits(draft.amount, CURRENCY);
      if (amount === undefined) return 'Please enter the amount in EUR, for example 5000 or 5000.50.';
      condition = { kind: 'order-total-above', basis: draft.basis, amount: { amount, currency: CURRENCY } };
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
}

export const ApprovalRulesSection = ({ api, companyId }: Props) => {
  const calls = approvalsApi(api);
  const rules = useAsync((signal) => calls.listRules(companyId, signal), [companyId]);
  const users = useAsync((signal) => api.listUsers(companyId, signal), [companyId]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, status, setStatus, run: runAction } = useActionStatus();

  const userName = (sub: string) => users.data?.find((user) => user.sub === sub)?.name ?? sub;
  const levelText = (level: ApproverLevel) => [...level.approverSubs.map(userName), ...level.roles.map((role) => `any ${roleLabel(role)}`)].join(' or ');

  const run = (action: () => Promise<unknown>, ok: string) =>
    runAction(async () => {
      await action();
      rules.reload();
    }, ok);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const rule = toRule(draft, newClientId());
    if (typeof rule === 'string') return setStatus({ error: rule });
    if (await run(() => calls.saveRule(companyId, rule), 'Rule saved.')) setDraft(null);
  };

  const setLevel = (index: number, level: Draft['levels'][number]) =>
    draft && setDraft({ ...draft, levels: draft.levels.map((current, at) => (at === index ? level : current)) });
  const toggle = <T,>(values: T[], value: T) => (values.includes(value) ? values.filter((item) => item !== value) : [...values, value]);

  return (
    <section className="card panel" aria-labelledby="approval-rules-title" data-testid="approval-rules-section">
      <header className="panel-header">
        <h2 id="approval-rules-title">Approval rules</h2>
        {!draft && (
          <button type="button" className="btn btn-small" onClick={() => setDraft(emptyDraft())} data-testid="approval-rule-new">
            New rule
          </button>
        )}
      </header>
      <p className="muted small">
        Orders that match a rule wait until every level has approved them. Several matching rules: each level is approved by any approver that level names in
        any of them.
      </p>
      {status && <FormMessage error={status.error} success={status.ok} testId="approval-rules-status" />}
      {rules.loading ? (
        <Loading label="Loading rules…" />
      ) : rules.error ? (
        <ErrorBox error={rules.error} onRetry={rules.reload} />
      ) : (
        <ul className="plain-list" data-testid="approval-rules">
          {(rules.data?.rules ?? []).map((rule) => (
            <li key={rule.ruleId} className={rule.active ? 'approval-rule' : 'approval-rule row-disabled'} data-testid={`approval-rule-${rule.ruleId}`}>
              <div className="strong">
                {rule.name} {rule.builtIn && <span className="badge">default</span>} {!rule.active && <span className="badge badge-warn">off</span>}
              </div>
              <div className="muted small">{conditionText(rule.condition, money)}</div>
              <ol className="small">
                {rule.levels.map((level, index) => (
                  <li key={index}>
                    Level {index + 1}: {levelText(level)}
                  </li>
                ))}
              </ol>
              <div className="inline-actions">
                <button
                  type="button"
                  className="btn btn-small btn-link"
                  disabled={busy}
                  onClick={() =>
                    void run(() => calls.saveRule(companyId, { ...rule, active: !rule.active }), rule.active ? 'Rule switched off.' : 'Rule switched on.')
                  }
                  data-testid="approval-rule-toggle"
                >
                  {rule.active ? 'Switch off' : 'Switch on'}
                </button>
                {!rule.builtIn && (
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    disabled={busy}
                    onClick={() => void run(() => calls.deleteRule(companyId, rule.ruleId), 'Rule deleted.')}
                    data-testid="approval-rule-delete"
                  >
                    {rule.ruleId === 'order-limit' ? 'Back to default' : 'Delete'}
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
            <span>Name</span>
            <input
              type="text"
              maxLength={80}
              value={draft.name}
              onChange={(event) => setDraft({ ...draft, name: event.target.value })}
              data-testid="approval-rule-name"
            />
          </label>
          <label className="field">
            <span>When</span>
            <select value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value as Kind })} data-testid="approval-rule-kind">
              <LabelledOptions values={Object.keys(kindLabels) as Kind[]} labels={kindLabels} />
            </select>
          </label>
          {draft.kind === 'order-total-above' && (
            <div className="field-row">
              <label className="field">
                <span>Total</span>
                <select
                  value={draft.basis}
                  onChange={(event) => setDraft({ ...draft, basis: event.target.value as 'net' | 'gross' })}
                  data-testid="approval-rule-basis"
                >
                  <option value="net">Net (goods)</option>
                  <option value="gross">Gross (incl. delivery)</option>
                </select>
              </label>
              <label className="field">
                <span>Above (EUR)</span>
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
                <span>Category ids</span>
                <input
                  type="text"
                  value={draft.categories}
                  placeholder="power-tools, safety"
                  onChange={(event) => setDraft({ ...draft, categories: event.target.value })}
                  data-testid="approval-rule-categories"
                />
              </label>
              <label className="field">
                <span>SKUs</span>
                <input type="text" value={draft.skus} onChange={(event) => setDraft({ ...draft, skus: event.target.value })} data-testid="approval-rule-skus" />
              </label>
            </div>
          )}
          {draft.kind === 'delivery-method' && (
            <div className="choice-row">
              {deliveryKinds.map((kind) => (
                <label key={kind} className="check">
                  <input type="checkbox" checked={draft.methods.includes(kind)} onChange={() => setDraft({ ...draft, methods: toggle(draft.methods, kind) })} />{' '}
                  {kind}
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
              <legend>Level {index + 1}: any one of</legend>
              <div className="choice-row">
                {companyRoles.map((role) => (
                  <label key={role} className="check">
                    <input
                      type="checkbox"
                      checked={level.roles.includes(role)}
                      onChange={() => setLevel(index, { ...level, roles: toggle(level.roles, role) })}
                    />{' '}
                    any {roleLabel(role)}
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
                  Remove level
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
              Add level
            </button>
          )}
          <SaveOrCancel label="Save rule" busy={busy} testId="approval-rule-save" onCancel={() => setDraft(null)} />
        </form>
      )}
    </section>
  );
};
