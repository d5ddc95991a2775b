/**
 * Audit trail entries as readable changes ("VAT ID: DE123 → DE456", "Gross: €10.00 → €12.00") for the
 * company audit (account area) and the console's order audit: field labels from the message catalogs,
 * money, dates, quantities, roles and statuses formatted, nested values as words instead of JSON.
 */
import { roleLabel } from './account/permissions.js';
import { countryName } from './countries.js';
import { formatDate, formatDateTime, formatDecimal, formatPercentBps } from './format.js';
import { hasMessage, translate } from './i18n/translate.js';
import { formatMoney } from './money.js';
import { adminStatusLabels, shipmentStatusLabels } from './orderAdmin.js';

/** One changed field: `before` is absent when the entry records only the new value. */
export interface AuditChange {
  field: string;
  label: string;
  before?: string;
  after: string;
}

type Money = { amount: number; currency: string };
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isMoney = (value: unknown): value is Money => isRecord(value) && typeof value.amount === 'number' && typeof value.currency === 'string';
const isAddress = (value: unknown): value is Record<string, string> => isRecord(value) && typeof value.street === 'string' && typeof value.city === 'string';
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "vatId" → "Vat id", "billing-address" → "Billing address" for fields without a catalog label. */
export const humanizeField = (name: string): string => {
  const text = name
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

export const fieldLabel = (field: string): string => {
  const key = `account.audit.field.${field}`;
  return hasMessage(key) ? translate(key) : humanizeField(field);
};

const addressText = (address: Record<string, string>): string =>
  [address.name, address.street, [address.postalCode, address.city].filter(Boolean).join(' '), address.country ? countryName(address.country) : '']
    .filter(Boolean)
    .join(', ');

const statusText = (status: string): string => (adminStatusLabels as Record<string, string>)[status] ?? humanizeField(status);

/** A value of `field` as text; `—` for none. */
export const auditValue = (field: string, value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return translate(value ? 'account.audit.yes' : 'account.audit.no');
  if (typeof value === 'number') return formatDecimal(value);
  if (typeof value === 'string') {
    if (field === 'role') return roleLabel(value);
    if (field === 'status') return statusText(value);
    if (field === 'country') return countryName(value);
    if (dateOnly.test(value)) return formatDate(value);
    if (timestamp.test(value)) return formatDateTime(value);
    return value;
  }
  if (isMoney(value)) return formatMoney(value.amount, value.currency);
  if (isAddress(value)) return addressText(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    return value.map((entry) => itemText(field, entry)).join(', ');
  }
  if (isRecord(value)) return recordText(value);
  return String(value);
};

/** One element of a list field (order lines, shipments, VAT groups, discounts, adjustments). */
const itemText = (field: string, entry: unknown): string => {
  if (!isRecord(entry)) return auditValue(field, entry);
  if (field === 'lines' && typeof entry.sku === 'string')
    return `${entry.quantity === undefined ? '' : `${formatDecimal(String(entry.quantity))} × `}${entry.sku}`;
  if (field === 'shipments' && typeof entry.shipmentNumber === 'string') {
    const status = typeof entry.status === 'string' ? ((shipmentStatusLabels as Record<string, string>)[entry.status] ?? entry.status) : '';
    return [entry.shipmentNumber, status].filter(Boolean).join(' ');
  }
  if (field === 'vatBreakdown' && typeof entry.rate === 'number' && isMoney(entry.vat))
    return `${formatPercentBps(entry.rate)}: ${formatMoney(entry.vat.amount, entry.vat.currency)}`;
  if (isMoney(entry.amount) && (typeof entry.name === 'string' || typeof entry.reason === 'string'))
    return `${entry.name ?? entry.reason}: ${formatMoney(entry.amount.amount, entry.amount.currency)}`;
  return recordText(entry);
};

/** A nested object as "Label: value; Label: value" (ids left out when a readable part is there). */
const recordText = (record: Record<string, unknown>): string => {
  if (isRecord(record.address)) {
    const kind = typeof record.kind === 'string' ? fieldLabelOrWords('delivery', record.kind) : '';
    return [kind, addressText(record.address as Record<string, string>)].filter(Boolean).join(': ');
  }
  return Object.entries(record)
    .filter(([key, value]) => value !== undefined && !(key.endsWith('Id') && Object.keys(record).length > 1))
    .map(([key, value]) => `${fieldLabel(key)}: ${auditValue(key, value)}`)
    .join('; ');
};

const fieldLabelOrWords = (area: string, code: string): string => {
  const key = `account.audit.${area}.${code}`;
  return hasMessage(key) ? translate(key) : humanizeField(code);
};

/** The changes of an order audit row (before and after hold the changed fields). */
export const auditChanges = (before: Record<string, unknown> | undefined, after: Record<string, unknown>): AuditChange[] => {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.map((field) => {
    const had = before !== undefined && field in before;
    return {
      field,
      label: fieldLabel(field),
      ...(had ? { before: auditValue(field, before[field]) } : {}),
      after: auditValue(field, after[field]),
    };
  });
};

/** The details of a company audit entry: `{ before, after }` pairs or the recorded values. */
export const auditDetailChanges = (details: unknown): AuditChange[] => {
  if (details === null || details === undefined) return [];
  if (!isRecord(details)) return [{ field: 'details', label: fieldLabel('details'), after: auditValue('details', details) }];
  if (isRecord(details.before) && isRecord(details.after) && Object.keys(details).length === 2) {
    return auditChanges(details.before, details.after);
  }
  return auditChanges(undefined, details);
};

export const auditChangeText = (change: AuditChange): string =>
  change.before === undefined ? `${change.label}: ${change.after}` : `${change.label}: ${change.before} → ${change.after}`;
