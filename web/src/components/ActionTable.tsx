/** Data tables with one row per item: plain (documents, budgets, quotes) or with an actions cell at the end (members, invitations, memberships). */
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18n.js';

export interface Column<T> {
  /** The header text; a column without one names itself with `ariaLabel` (or stays unnamed, like a column of row buttons). */
  label: string;
  ariaLabel?: string;
  cell: (row: T) => ReactNode;
  /** Figures: header and cells right-aligned (`num`). */
  numeric?: boolean;
  /** More classes of the column's cells. */
  className?: string;
  testId?: string;
}

/** The React key, the test id and (where tests read it) the status of a row. */
export interface RowIdentity {
  key: string;
  testId: string;
  status?: string;
}

interface DataTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  identify: (row: T) => RowIdentity;
  testId: string;
  caption?: ReactNode;
  /** In a box that scrolls sideways where the table is wider than the screen. */
  scroll?: boolean;
}

export const DataTable = <T,>({ rows, columns, identify, testId, caption, scroll = false }: DataTableProps<T>) => {
  const table = (
    <table className="data-table" data-testid={testId}>
      {caption && <caption className="muted small">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, index) => (
            <th key={index} scope="col" className={column.numeric ? 'num' : undefined} aria-label={column.ariaLabel}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const { key, testId: rowTestId, status } = identify(row);
          return (
            <tr key={key} data-testid={rowTestId} data-status={status}>
              {columns.map((column, index) => (
                <td key={index} className={[column.numeric && 'num', column.className].filter(Boolean).join(' ') || undefined} data-testid={column.testId}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  return scroll ? <div className="table-scroll">{table}</div> : table;
};

interface ActionTableProps<T> extends DataTableProps<T> {
  actions: (row: T) => ReactNode;
}

export const ActionTable = <T,>({ columns, actions, ...table }: ActionTableProps<T>) => {
  const t = useT();
  return <DataTable {...table} columns={[...columns, { label: '', ariaLabel: t('account.table.actions'), cell: actions }]} />;
};

/** A small secondary button in a table row or a line (remove, revoke, decline, leave). */
export const RowAction = ({ label, onClick, disabled, testId }: { label: string; onClick: () => void; disabled: boolean; testId?: string }) => (
  <button type="button" className="btn btn-ghost btn-small" disabled={disabled} onClick={onClick} data-testid={testId}>
    {label}
  </button>
);
