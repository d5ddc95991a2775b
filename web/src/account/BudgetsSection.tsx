/**
 * Company admin: the company's cost centres (buyers pick one at checkout) and budgets per company or
 * cost centre, monthly/quarterly/yearly, that either block orders beyond them or only warn.
 */
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api.js';
import { DataTable } from '../components/ActionTable.js';
import { FormMessage } from '../components/Forms.js';
import { LabelledOptions } from '../components/Options.js';
import { Loaded } from '../components/Status.js';
import { useT } from '../i18n/I18n.js';
import { parseMinorUnits } from '../moneyInput.js';
import { money } from '../shop/ProductBits.js';
import { useAsync } from '../useAsync.js';
import { approvalsApi, newClientId, periodLabel, type Budget, type CostCentre } from './approvalsApi.js';
import { SaveOrCancel, useActionStatus } from './SectionForm.js';

interface Props {
  api: ApiClient;
  companyId: string;
}

export const CostCentresSection = ({ api, companyId }: Props) => {
  const t = useT();
  const calls = approvalsApi(api);
  const centres = useAsync((signal) => calls.listCostCentres(companyId, signal), [companyId]);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { busy, status, setStatus, run } = useActionStatus();

  const store = async (next: CostCentre[], ok: string) => {
    if (!centres.data) return false;
    const { version } = centres.data;
    return run(async () => centres.setData(await calls.saveCostCentres(companyId, next, version)), ok);
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!code.trim() || !name.trim()) return setStatus({ error: t('account.costCentres.missing') });
    if (await store([...(centres.data?.centres ?? []), { code: code.trim(), name: name.trim() }], t('account.costCentres.added'))) {
      setCode('');
      setName('');
    }
  };

  return (
    <section className="card panel" aria-labelledby="cost-centres-title" data-testid="cost-centres-section">
      <header className="panel-header">
        <h2 id="cost-centres-title">{t('account.costCentres.title')}</h2>
      </header>
      {status && <FormMessage error={status.error} success={status.ok} testId="cost-centres-status" />}
      <Loaded state={centres} label={t('account.costCentres.loading')}>
        {({ centres: list }) => (
          <ul className="plain-list" data-testid="cost-centres">
            {list.map((centre) => (
              <li key={centre.code} data-testid={`cost-centre-${centre.code}`}>
                <span className="mono">{centre.code}</span> {centre.name}{' '}
                <button
                  type="button"
                  className="btn btn-small btn-link"
                  disabled={busy}
                  onClick={() =>
                    void store(
                      list.filter((candidate) => candidate.code !== centre.code),
                      t('account.costCentres.removed'),
                    )
                  }
                >
                  {t('account.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <form className="inline-form" onSubmit={(event) => void add(event)}>
        <input
          type="text"
          maxLength={40}
          placeholder={t('account.costCentres.code')}
          aria-label={t('account.costCentres.codeLabel')}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          data-testid="cost-centre-code"
        />
        <input
          type="text"
          maxLength={80}
          placeholder={t('account.name')}
          aria-label={t('account.costCentres.nameLabel')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          data-testid="cost-centre-name"
        />
        <button type="submit" className="btn btn-small" disabled={busy} data-testid="cost-centre-add">
          {t('account.costCentres.add')}
        </button>
      </form>
    </section>
  );
};

interface BudgetDraft {
  name: string;
  scope: string;
  period: Budget['period'];
  amount: string;
  mode: Budget['mode'];
}

/** `currency`: the company's (budgets are kept in it). */
export const BudgetsSection = ({ api, companyId, currency }: Props & { currency: string }) => {
  const t = useT();
  const calls = approvalsApi(api);
  const budgets = useAsync((signal) => calls.listBudgets(companyId, signal), [companyId]);
  const centres = useAsync((signal) => calls.listCostCentres(companyId, signal), [companyId]);
  const [draft, setDraft] = useState<BudgetDraft | null>(null);
  const { busy, status, setStatus, run } = useActionStatus();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    const amount = parseMinorUnits(draft.amount, currency);
    if (!draft.name.trim() || amount === undefined) return setStatus({ error: t('account.budgets.missing') });
    const budget: Budget = {
      budgetId: newClientId(),
      name: draft.name.trim(),
      scope: draft.scope ? { kind: 'cost-centre', costCentre: draft.scope } : { kind: 'company' },
      period: draft.period,
      amount: { amount, currency },
      mode: draft.mode,
    };
    await run(async () => {
      await calls.saveBudget(companyId, budget);
      setDraft(null);
      budgets.reload();
    }, t('account.budgets.saved'));
  };

  const remove = (budgetId: string) =>
    run(async () => {
      await calls.deleteBudget(companyId, budgetId);
      budgets.reload();
    });

  return (
    <section className="card panel" aria-labelledby="budgets-title" data-testid="budgets-section">
      <header className="panel-header">
        <h2 id="budgets-title">{t('account.budgets.title')}</h2>
        {!draft && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setDraft({ name: '', scope: '', period: 'monthly', amount: '', mode: 'warn' })}
            data-testid="budget-new"
          >
            {t('account.budgets.new')}
          </button>
        )}
      </header>
      <p className="muted small">{t('account.budgets.intro')}</p>
      {status && <FormMessage error={status.error} success={status.ok} testId="budgets-status" />}
      <Loaded state={budgets} label={t('account.budgets.loading')}>
        {(data) => (
          <DataTable
            scroll
            rows={data.budgets}
            testId="budgets-table"
            identify={(budget) => ({ key: budget.budgetId, testId: `budget-${budget.budgetId}` })}
            columns={[
              {
                label: t('account.budgets.budget'),
                cell: (budget) => (
                  <>
                    <div className="strong">{budget.name}</div>
                    <div className="muted small">
                      {budget.scope.kind === 'company' ? t('account.budgets.wholeCompany') : t('account.budgets.costCentre', { code: budget.scope.costCentre })}
                    </div>
                  </>
                ),
              },
              {
                label: t('account.budgets.period'),
                cell: (budget) => (
                  <>
                    {periodLabel[budget.period]} <span className="muted small">{budget.currentPeriod}</span>
                  </>
                ),
              },
              {
                label: t('account.budgets.usedAmount'),
                numeric: true,
                testId: 'budget-usage',
                cell: (budget) => (
                  <>
                    {money(budget.consumed ?? { amount: 0, currency: budget.amount.currency })} / {money(budget.amount)}
                  </>
                ),
              },
              {
                label: t('account.budgets.mode'),
                cell: (budget) => (
                  <span className={budget.mode === 'block' ? 'badge badge-warn' : 'badge'}>
                    {budget.mode === 'block' ? t('account.budgets.mode.block') : t('account.budgets.mode.warn')}
                  </span>
                ),
              },
              {
                label: '',
                cell: (budget) => (
                  <button
                    type="button"
                    className="btn btn-small btn-link"
                    disabled={busy}
                    onClick={() => void remove(budget.budgetId)}
                    data-testid="budget-delete"
                  >
                    {t('account.delete')}
                  </button>
                ),
              },
            ]}
          />
        )}
      </Loaded>
      {draft && (
        <form className="stack" onSubmit={(event) => void save(event)} data-testid="budget-form">
          <div className="field-row">
            <label className="field">
              <span>{t('account.name')}</span>
              <input
                type="text"
                maxLength={80}
                value={draft.name}
                onChange={(event) => setDraft({ ...draft, name: event.target.value })}
                data-testid="budget-name"
              />
            </label>
            <label className="field">
              <span>{t('account.budgets.for')}</span>
              <select value={draft.scope} onChange={(event) => setDraft({ ...draft, scope: event.target.value })} data-testid="budget-scope">
                <option value="">{t('account.budgets.wholeCompany')}</option>
                {(centres.data?.centres ?? []).map((centre) => (
                  <option key={centre.code} value={centre.code}>
                    {centre.code} {centre.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="field-row">
            <label className="field">
              <span>{t('account.budgets.period')}</span>
              <select
                value={draft.period}
                onChange={(event) => setDraft({ ...draft, period: event.target.value as Budget['period'] })}
                data-testid="budget-period"
              >
                <LabelledOptions values={Object.keys(periodLabel) as Budget['period'][]} labels={periodLabel} />
              </select>
            </label>
            <label className="field">
              <span>{t('account.budgets.amount')}</span>
              <input
                type="text"
                inputMode="decimal"
                value={draft.amount}
                onChange={(event) => setDraft({ ...draft, amount: event.target.value })}
                data-testid="budget-amount"
              />
            </label>
            <label className="field">
              <span>{t('account.budgets.whenExceeded')}</span>
              <select value={draft.mode} onChange={(event) => setDraft({ ...draft, mode: event.target.value as Budget['mode'] })} data-testid="budget-mode">
                <option value="warn">{t('account.budgets.warn')}</option>
                <option value="block">{t('account.budgets.block')}</option>
              </select>
            </label>
          </div>
          <SaveOrCancel label={t('account.budgets.save')} busy={busy} testId="budget-save" onCancel={() => setDraft(null)} />
        </form>
      )}
    </section>
  );
};
