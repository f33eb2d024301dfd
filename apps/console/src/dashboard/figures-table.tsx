/**
 * A table of figures named by its caption; the first cell of each row heads it. A wide one
 * (`scroll`) scrolls sideways in a group the keyboard can reach, named like the table.
 */
import type { ReactNode } from 'react';

export interface FigureTable {
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

export function FiguresTable({ caption, table, scroll = false }: { caption: string; table: FigureTable; scroll?: boolean }) {
  const element = (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr key={row.key}>
            {row.cells.map((cell, index) => (index === 0 ? <th key={index} scope="row">{cell}</th> : <td key={index}>{cell}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return scroll ? (
    <div className="table-scroll" role="group" aria-label={caption} tabIndex={0}>
      {element}
    </div>
  ) : (
    element
  );
}
