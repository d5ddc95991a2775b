/**
 * `/console/discounts`: the discount rules of the pricing engine (seed 004 "Rule Builder").
 * Back office edits them (`PUT /console/discounts/{id}`, `DELETE …`), sales reps read them.
 * The rule is JSON in the rule language of docs/pricing.md; the API checks it and answers
 * `INVALID_RULE` with a message that names the path of the problem (`$.all[1].skuIn: …`).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, apiErrorMessage } from '../api.js';
import { IssueList } from '../components/Forms.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { formatMoney, userLocale } from '../money.js';
import { formatBasisPoints, formatMinorUnits, parseBasisPoints, parseMinorUnits } from '../moneyInput.js';
import { useServices } from '../services.js';
import type { Discount, DiscountEffect } from '../types.js';
import { useAsync } from '../useAsync.js';

const ID_PATTERN = /^[a-z0-9-]{1,64}$/;

const EXAMPLE_RULE = {
  all: [{ customerGroupIn: ['wholesale'] }, { categoryIn: ['power-tools'] }, { dateBetween: ['2026-03-01', '2026-05-31'] }],
};

export const describeEffect = (effect: DiscountEffect): string =>
  effect.kind === 'percent'
    ? `${formatBasisPoints(effect.rate)} % on matching lines`
    : `${formatMoney(effect.amount.amount, effect.amount.currency, userLocale())} off the order`;

const compactRule = (rule: unknown): string => {
  const text = JSON.stringify(rule) ?? '';
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
};

interface Draft {
  id: string;
  name: string;
  active: boolean;
  kind: 'percent' | 'fixed';
  percent: string;
  amount: string;
  currency: string;
  rule: string;
}

const draftOf = (discount: Discount | undefined, currency: string): Draft => ({
  id: discount?.id ?? '',
  name: discount?.name ?? '',
  active: discount?.active ?? true,
  kind: discount?.effect.kind ?? 'percent',
  percent: discount?.effect.kind === 'percent' ? formatBasisPoints(discount.effect.rate) : '',
  amount: discount?.effect.kind === 'fixed' ? formatMinorUnits(discount.effect.amount.amount, discount.effect.amount.currency) : '',
  currency: discount?.effect.kind === 'fixed' ? discount.effect.amount.currency : currency,
  rule: JSON.stringify(discount?.rule ?? { all: [] }, null, 2),
});

/** The draft as the API body, or a readable problem. */
const toDiscount = (draft: Draft): { discount: Discount } | { problem: string } => {
  if (!ID_PATTERN.test(draft.id))
    return { problem: 'The id may contain lowercase letters, digits and dashes only (at most 64 characters), e.g. "spring-tools-10".' };
  const name = draft.name.trim();
  if (!name) return { problem: 'Please enter a name (customers see it on their quote).' };
  let effect: DiscountEffect;
  if (draft.kind === 'percent') {
    const rate = parseBasisPoints(draft.percent);
    if (rate === undefined || rate < 1 || rate > 10_000)
      return { problem: 'The percentage must be a number between 0.01 and 100 with at most two decimals, e.g. 5 or 2.5.' };
    effect = { kind: 'percent', rate };
  } else {
    const currency = draft.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) return { problem: 'The currency must be a three-letter ISO code such as EUR.' };
    const amount = parseMinorUnits(draft.amount, currency);
    if (amount === undefined || amount <= 0) return { problem: `The amount must be a positive number such as 25 or 25.50 ${currency}.` };
    effect = { kind: 'fixed', amount: { amount, currency } };
  }
  let rule: unknown;
  try {
    rule = JSON.parse(draft.rule);
  } catch (error) {
    return { problem: `The rule is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { discount: { id: draft.id, name, rule, effect, active: draft.active } };
};

export const DiscountsPanel = ({ canEdit, currency = 'EUR' }: { canEdit: boolean; currency?: string }) => {
  const { api } = useServices();
  const discounts = useAsync((signal) => api.console.listDiscounts(signal), []);
  // The discount in the form: an id, "new", or none.
  const [selected, setSelected] = useState<string | null>(null);
  // Remounts the form when another discount is opened, but not when a new one is saved (keeps its message).
  const [formKey, setFormKey] = useState(0);
  const open = (id: string) => {
    setSelected(id);
    setFormKey((n) => n + 1);
  };
  const list = discounts.data ?? [];
  const current = selected && selected !== 'new' ? list.find((discount) => discount.id === selected) : undefined;

  const saved = (discount: Discount) => {
    const rest = list.filter((candidate) => candidate.id !== discount.id);
    const index = list.findIndex((candidate) => candidate.id === discount.id);
    discounts.setData(index >= 0 ? [...rest.slice(0, index), discount, ...rest.slice(index)] : [...list, discount]);
    setSelected(discount.id);
  };

  const deleted = (id: string) => {
    discounts.setData(list.filter((discount) => discount.id !== id));
    setSelected(null);
  };

  return (
    <>
      <header className="section-header">
        <div>
          <h1>Discounts</h1>
          <p className="muted">
            Rules that lower prices in quotes and orders. Percent discounts apply to each matching line, fixed amounts to the order.
            {!canEdit && ' Sales reps can view discounts; only back office can change them.'}
          </p>
        </div>
        {canEdit && (
          <button type="button" className="btn btn-primary" data-testid="new-discount" onClick={() => open('new')}>
            New discount
          </button>
        )}
      </header>
      <div className="discount-grid">
        <section className="card panel" aria-label="Discount list">
          {discounts.loading ? (
            <Loading label="Loading discounts…" />
          ) : discounts.error ? (
            <ErrorBox error={discounts.error} onRetry={discounts.reload} />
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="discounts-table">
                <thead>
                  <tr>
                    <th scope="col">Discount</th>
                    <th scope="col">Effect</th>
                    <th scope="col">Rule</th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={5}>No discounts yet.</td>
                    </tr>
                  )}
                  {list.map((discount) => (
                    <tr key={discount.id} data-testid={`discount-${discount.id}`} className={discount.id === selected ? 'row-selected' : undefined}>
                      <td>
                        <strong>{discount.name}</strong>
                        <div className="mono muted small">{discount.id}</div>
                      </td>
                      <td>{describeEffect(discount.effect)}</td>
                      <td>
                        <code className="rule-summary" title={JSON.stringify(discount.rule, null, 2)}>
                          {compactRule(discount.rule)}
                        </code>
                      </td>
                      <td>{discount.active ? <span className="badge badge-ok">Active</span> : <span className="badge badge-warn">Inactive</span>}</td>
                      <td>
                        <button type="button" className="btn btn-small" data-testid={`edit-discount-${discount.id}`} onClick={() => open(discount.id)}>
                          {canEdit ? 'Edit' : 'View'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {selected !== null && (selected === 'new' || current) && (
          <DiscountForm
            key={formKey}
            discount={current}
            canEdit={canEdit}
            currency={currency}
            existingIds={list.map((discount) => discount.id)}
            onSaved={saved}
            onDeleted={deleted}
            onClose={() => setSelected(null)}
          />
        )}
      </div>
    </>
  );
};

interface DiscountFormProps {
  discount: Discount | undefined;
  canEdit: boolean;
  currency: string;
  existingIds: string[];
  onSaved: (discount: Discount) => void;
  onDeleted: (id: string) => void;
  onClose: () => void;
}

const DiscountForm = ({ discount, canEdit, currency, existingIds, onSaved, onDeleted, onClose }: DiscountFormProps) => {
  const { api } = useServices();
  const [draft, setDraft] = useState<Draft>(() => draftOf(discount, currency));
  const [error, setError] = useState<unknown>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const isNew = discount === undefined;
  const readOnly = !canEdit;

  useEffect(() => {
    setConfirmDelete(false);
  }, [draft]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setError(null);
    setSuccess(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    const result = toDiscount(draft);
    if ('problem' in result) {
      setError(result.problem);
      return;
    }
    if (isNew && existingIds.includes(result.discount.id)) {
      setError(`A discount with the id "${result.discount.id}" exists already. Choose another id or edit that discount.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const stored = await api.console.saveDiscount(result.discount);
      setDraft(draftOf(stored, currency));
      setSuccess(isNew ? 'Discount created.' : 'Discount saved.');
      onSaved(stored);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!discount) return;
    if (!confirmDelete) {
      setConfirmDelete(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.console.deleteDiscount(discount.id);
      onDeleted(discount.id);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const errorText =
    error === null
      ? null
      : typeof error === 'string'
        ? error
        : error instanceof ApiError && error.code === 'INVALID_RULE'
          ? `The rule is not valid: ${error.message}`
          : apiErrorMessage(error);

  return (
    <section className="card panel" aria-labelledby="discount-form-title">
      <header className="panel-header">
        <h2 id="discount-form-title">{isNew ? 'New discount' : readOnly ? 'Discount' : 'Edit discount'}</h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          Close
        </button>
      </header>
      <form className="discount-form" data-testid="discount-form" onSubmit={save}>
        <label className="field">
          <span>Id</span>
          <input
            type="text"
            data-testid="discount-id"
            value={draft.id}
            onChange={(event) => set('id', event.target.value.trim())}
            disabled={!isNew || readOnly}
            placeholder="spring-tools-10"
            pattern="[a-z0-9-]{1,64}"
            maxLength={64}
            required
          />
          {isNew && <small className="hint">Lowercase letters, digits and dashes; cannot be changed later.</small>}
        </label>
        <label className="field">
          <span>Name</span>
          <input
            type="text"
            data-testid="discount-name"
            value={draft.name}
            onChange={(event) => set('name', event.target.value)}
            disabled={readOnly}
            maxLength={120}
            required
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="discount-active"
            checked={draft.active}
            onChange={(event) => set('active', event.target.checked)}
            disabled={readOnly}
          />
          <span>
            <strong>Active</strong>
            <small>Only active discounts are applied to quotes and orders.</small>
          </span>
        </label>
        <div className="field-row">
          <label className="field">
            <span>Effect</span>
            <select
              data-testid="discount-effect-kind"
              value={draft.kind}
              onChange={(event) => set('kind', event.target.value as Draft['kind'])}
              disabled={readOnly}
            >
              <option value="percent">Percent off matching lines</option>
              <option value="fixed">Fixed amount off the order</option>
            </select>
          </label>
          {draft.kind === 'percent' ? (
            <label className="field field-small">
              <span>Percent</span>
              <input
                type="text"
                inputMode="decimal"
                className="input-amount"
                data-testid="discount-percent"
                value={draft.percent}
                onChange={(event) => set('percent', event.target.value)}
                disabled={readOnly}
                placeholder="5"
              />
            </label>
          ) : (
            <>
              <label className="field field-small">
                <span>Amount</span>
                <input
                  type="text"
                  inputMode="decimal"
                  className="input-amount"
                  data-testid="discount-amount"
                  value={draft.amount}
                  onChange={(event) => set('amount', event.target.value)}
                  disabled={readOnly}
                  placeholder="25.00"
                />
              </label>
              <label className="field field-tiny">
                <span>Currency</span>
                <input
                  type="text"
                  data-testid="discount-currency"
                  value={draft.currency}
                  onChange={(event) => set('currency', event.target.value.toUpperCase())}
                  disabled={readOnly}
                  maxLength={3}
                  size={4}
                />
              </label>
            </>
          )}
        </div>
        <label className="field">
          <span>Rule (JSON)</span>
          <textarea
            data-testid="discount-rule"
            rows={8}
            spellCheck={false}
            value={draft.rule}
            onChange={(event) => set('rule', event.target.value)}
            disabled={readOnly}
          />
        </label>
        <RuleCheatSheet onUseExample={readOnly ? undefined : () => set('rule', JSON.stringify(EXAMPLE_RULE, null, 2))} />
        {errorText !== null && (
          <div className="form-error" role="alert" data-testid="discount-error">
            {errorText}
            {error instanceof ApiError && error.code === 'VALIDATION_FAILED' && <IssueList issues={error.issues} />}
          </div>
        )}
        {success && (
          <p className="form-success" role="status" data-testid="discount-status">
            {success}
          </p>
        )}
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" data-testid="discount-save" disabled={busy}>
              {busy ? 'Saving…' : isNew ? 'Create discount' : 'Save discount'}
            </button>
            {!isNew && (
              <button
                type="button"
                className="btn btn-danger"
                data-testid={confirmDelete ? 'discount-delete-confirm' : 'discount-delete'}
                onClick={() => void remove()}
                disabled={busy}
              >
                {confirmDelete ? 'Really delete?' : 'Delete'}
              </button>
            )}
          </div>
        )}
      </form>
    </section>
  );
};

const cheatSheet: [string, string][] = [
  ['{"all": [r, …]}', 'every sub-rule holds ([] = always)'],
  ['{"any": [r, …]}', 'at least one holds'],
  ['{"not": r}', 'r does not hold'],
  ['{"customerGroupIn": ["wholesale"]}', "customer's group is listed"],
  ['{"newCustomer": true}', 'company without orders yet'],
  ['{"deliveryCountryIn": ["PL"]}', 'delivery country (ISO, capitals)'],
  ['{"orderNetAtLeast": {"amount": 100000, "currency": "EUR"}}', 'order net before discounts ≥ amount (in cents)'],
  ['{"skuIn": ["POW-0311"]}', 'the line is one of these SKUs (order: cart contains one)'],
  ['{"categoryIn": ["power-tools"]}', 'the line is in one of these categories'],
  ['{"dateBetween": ["2026-01-01", "2026-12-31"]}', 'today is in the range (inclusive)'],
];

const RuleCheatSheet = ({ onUseExample }: { onUseExample: (() => void) | undefined }) => (
  <details className="cheat-sheet" data-testid="rule-cheat-sheet">
    <summary>Rule language cheat sheet</summary>
    <p className="muted">Each object has exactly one predicate; combine them with all / any / not.</p>
    <table>
      <tbody>
        {cheatSheet.map(([rule, meaning]) => (
          <tr key={rule}>
            <td>
              <code>{rule}</code>
            </td>
            <td>{meaning}</td>
          </tr>
        ))}
      </tbody>
    </table>
    <p className="muted">Example: wholesale customers, power tools, in spring:</p>
    <pre>{JSON.stringify(EXAMPLE_RULE)}</pre>
    {onUseExample && (
      <button type="button" className="btn btn-small" onClick={onUseExample}>
        Use this example
      </button>
    )}
  </details>
);
