import type { ReactNode } from 'react';

/** A column of a table: its header and what each row shows under it. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
}

/** A list as a table (scrolling sideways on a phone), one row a record; `false` columns are left out. */
export function DataTable<Row extends { id: string }>({ caption, columns, rows }: { caption: string; columns: readonly (Column<Row> | false)[]; rows: readonly Row[] }) {
  const shown = columns.filter((column): column is Column<Row> => column !== false);
  return (
    <div className="table-scroll">
      <table className="list-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {shown.map((column) => (
              <th key={column.header} scope="col">
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {shown.map((column) => (
                <td key={column.header}>{column.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
