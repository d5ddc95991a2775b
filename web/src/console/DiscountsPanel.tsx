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
import { decimalForInput } from '../format.js';
import { useT } from '../i18n/I18n.js';
import type { MessageKey } from '../i18n/messages/index.js';
import { translate } from '../i18n/translate.js';
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
    ? translate('console.discounts.effect.percent', { percent: formatBasisPoints(effect.rate) })
    : translate('console.discounts.effect.fixed', { amount: formatMoney(effect.amount.amount, effect.amount.currency, userLocale()) });

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
  if (!ID_PATTERN.test(draft.id)) return { problem: translate('console.discounts.problem.id') };
  const name = draft.name.trim();
  if (!name) return { problem: translate('console.discounts.problem.name') };
  let effect: DiscountEffect;
  if (draft.kind === 'percent') {
    const rate = parseBasisPoints(draft.percent);
    if (rate === undefined || rate < 1 || rate > 10_000) return { problem: translate('console.discounts.problem.percent') };
    effect = { kind: 'percent', rate };
  } else {
    const currency = draft.currency.trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) return { problem: translate('console.discounts.problem.currency') };
    const amount = parseMinorUnits(draft.amount, currency);
    if (amount === undefined || amount <= 0) return { problem: translate('console.discounts.problem.amount', { currency }) };
    effect = { kind: 'fixed', amount: { amount, currency } };
  }
  let rule: unknown;
  try {
    rule = JSON.parse(draft.rule);
  } catch (error) {
    return { problem: translate('console.discounts.problem.json', { error: error instanceof Error ? error.message : String(error) }) };
  }
  return { discount: { id: draft.id, name, rule, effect, active: draft.active } };
};

export const DiscountsPanel = ({ canEdit, currency = 'EUR' }: { canEdit: boolean; currency?: string }) => {
  const { api } = useServices();
  const t = useT();
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
          <h1>{t('console.discounts.title')}</h1>
          <p className="muted">
            {t('console.discounts.intro')}
            {!canEdit && t('console.discounts.readOnly')}
          </p>
        </div>
        {canEdit && (
          <button type="button" className="btn btn-primary" data-testid="new-discount" onClick={() => open('new')}>
            {t('console.discounts.new')}
          </button>
        )}
      </header>
      <div className="discount-grid">
        <section className="card panel" aria-label={t('console.discounts.list')}>
          {discounts.loading ? (
            <Loading label={t('console.discounts.loading')} />
          ) : discounts.error ? (
            <ErrorBox error={discounts.error} onRetry={discounts.reload} />
          ) : (
            <div className="table-scroll">
              <table className="data-table" data-testid="discounts-table">
                <thead>
                  <tr>
                    <th scope="col">{t('console.discounts.col.discount')}</th>
                    <th scope="col">{t('console.discounts.col.effect')}</th>
                    <th scope="col">{t('console.discounts.col.rule')}</th>
                    <th scope="col">{t('console.status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('console.discounts.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.length === 0 && (
                    <tr className="empty-row">
                      <td colSpan={5}>{t('console.discounts.none')}</td>
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
                      <td>
                        {discount.active ? (
                          <span className="badge badge-ok">{t('console.discounts.active')}</span>
                        ) : (
                          <span className="badge badge-warn">{t('console.discounts.inactive')}</span>
                        )}
                      </td>
                      <td>
                        <button type="button" className="btn btn-small" data-testid={`edit-discount-${discount.id}`} onClick={() => open(discount.id)}>
                          {canEdit ? t('console.discounts.edit') : t('console.discounts.view')}
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
  const t = useT();
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
      setError(t('console.discounts.problem.exists', { id: result.discount.id }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const stored = await api.console.saveDiscount(result.discount);
      setDraft(draftOf(stored, currency));
      setSuccess(isNew ? t('console.discounts.created') : t('console.discounts.saved'));
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
          ? t('console.discounts.problem.rule', { error: error.message })
          : apiErrorMessage(error);

  return (
    <section className="card panel" aria-labelledby="discount-form-title">
      <header className="panel-header">
        <h2 id="discount-form-title">
          {isNew ? t('console.discounts.formNew') : readOnly ? t('console.discounts.formView') : t('console.discounts.formEdit')}
        </h2>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          {t('console.discounts.close')}
        </button>
      </header>
      <form className="discount-form" data-testid="discount-form" onSubmit={save}>
        <label className="field">
          <span>{t('console.discounts.id')}</span>
          <input
            type="text"
            data-testid="discount-id"
            value={draft.id}
            onChange={(event) => set('id', event.target.value.trim())}
            disabled={!isNew || readOnly}
            placeholder={t('console.discounts.idPlaceholder')}
            pattern="[a-z0-9-]{1,64}"
            maxLength={64}
            required
          />
          {isNew && <small className="hint">{t('console.discounts.idHint')}</small>}
        </label>
        <label className="field">
          <span>{t('console.discounts.name')}</span>
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
            <strong>{t('console.discounts.active')}</strong>
            <small>{t('console.discounts.activeHint')}</small>
          </span>
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t('console.discounts.col.effect')}</span>
            <select
              data-testid="discount-effect-kind"
              value={draft.kind}
              onChange={(event) => set('kind', event.target.value as Draft['kind'])}
              disabled={readOnly}
            >
              <option value="percent">{t('console.discounts.kind.percent')}</option>
              <option value="fixed">{t('console.discounts.kind.fixed')}</option>
            </select>
          </label>
          {draft.kind === 'percent' ? (
            <label className="field field-small">
              <span>{t('console.discounts.percent')}</span>
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
                <span>{t('console.discounts.amount')}</span>
                <input
                  type="text"
                  inputMode="decimal"
                  className="input-amount"
                  data-testid="discount-amount"
                  value={draft.amount}
                  onChange={(event) => set('amount', event.target.value)}
                  disabled={readOnly}
                  placeholder={decimalForInput('25.00')}
                />
              </label>
              <label className="field field-tiny">
                <span>{t('console.discounts.currency')}</span>
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
          <span>{t('console.discounts.ruleJson')}</span>
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
              {busy ? t('console.discounts.saving') : isNew ? t('console.discounts.create') : t('console.discounts.save')}
            </button>
            {!isNew && (
              <button
                type="button"
                className="btn btn-danger"
                data-testid={confirmDelete ? 'discount-delete-confirm' : 'discount-delete'}
                onClick={() => void remove()}
                disabled={busy}
              >
                {confirmDelete ? t('console.discounts.reallyDelete') : t('console.discounts.delete')}
              </button>
            )}
          </div>
        )}
      </form>
    </section>
  );
};

const cheatSheet: [string, MessageKey][] = [
  ['{"all": [r, …]}', 'console.discounts.sheet.all'],
  ['{"any": [r, …]}', 'console.discounts.sheet.any'],
  ['{"not": r}', 'console.discounts.sheet.not'],
  ['{"customerGroupIn": ["wholesale"]}', 'console.discounts.sheet.customerGroupIn'],
  ['{"newCustomer": true}', 'console.discounts.sheet.newCustomer'],
  ['{"deliveryCountryIn": ["PL"]}', 'console.discounts.sheet.deliveryCountryIn'],
  ['{"orderNetAtLeast": {"amount": 100000, "currency": "EUR"}}', 'console.discounts.sheet.orderNetAtLeast'],
  ['{"skuIn": ["POW-0311"]}', 'console.discounts.sheet.skuIn'],
  ['{"categoryIn": ["power-tools"]}', 'console.discounts.sheet.categoryIn'],
  ['{"dateBetween": ["2026-01-01", "2026-12-31"]}', 'console.discounts.sheet.dateBetween'],
];

const RuleCheatSheet = ({ onUseExample }: { onUseExample: (() => void) | undefined }) => {
  const t = useT();
  return (
    <details className="cheat-sheet" data-testid="rule-cheat-sheet">
      <summary>{t('console.discounts.sheet.title')}</summary>
      <p className="muted">{t('console.discounts.sheet.intro')}</p>
      <table>
        <tbody>
          {cheatSheet.map(([rule, meaning]) => (
            <tr key={rule}>
              <td>
                <code>{rule}</code>
              </td>
              <td>{t(meaning)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('console.discounts.sheet.example')}</p>
      <pre>{JSON.stringify(EXAMPLE_RULE)}</pre>
      {onUseExample && (
        <button type="button" className="btn btn-small" onClick={onUseExample}>
          {t('console.discounts.sheet.useExample')}
        </button>
      )}
    </details>
  );
};
