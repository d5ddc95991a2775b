/** A data table with one row per item and an actions cell at the end (members, invitations, memberships). */
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18n.js';

export interface Column<T> {
  label: string;
  cell: (row: T) => ReactNode;
}

interface ActionTableProps<T> {
  rows: readonly T[];
  columns: readonly Column<T>[];
  /** The React key and the test id of a row. */
  identify: (row: T) => { key: string; testId: string };
  actions: (row: T) => ReactNode;
  testId: string;
  caption?: ReactNode;
}

export const ActionTable = <T,>({ rows, columns, identify, actions, testId, caption }: ActionTableProps<T>) => {
  const t = useT();
  return (
    <table className="data-table" data-testid={testId}>
      {caption && <caption className="muted small">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.label} scope="col">
              {column.label}
            </th>
          ))}
          <th scope="col" aria-label={t('account.table.actions')} />
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const { key, testId: rowTestId } = identify(row);
          return (
            <tr key={key} data-testid={rowTestId}>
              {columns.map((column) => (
                <td key={column.label}>{column.cell(row)}</td>
              ))}
              <td>{actions(row)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
};

/** A small secondary button in a table row or a line (remove, revoke, decline, leave). */
export const RowAction = ({ label, onClick, disabled, testId }: { label: string; onClick: () => void; disabled: boolean; testId?: string }) => (
  <button type="button" className="btn btn-ghost btn-small" disabled={disabled} onClick={onClick} data-testid={testId}>
    {label}
  </button>
);
