// Where the cursor goes in the lines grid, as in a spreadsheet: Enter moves down (Shift+Enter up),
// Tab moves right and wraps to the next line (Shift+Tab left and back), arrows move one cell and
// stop at the edges. Pure, so the grid keeps no navigation state of its own.

/** A cell of the grid: `row` counts the lines in the order shown, `col` the editable columns. */
export interface CellPos {
  row: number;
  col: number;
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'previous';

/**
 * The cell a move leads to in a grid of `rows` lines × `cols` editable columns, or null when it
 * leaves the grid (Tab past the last cell, Shift+Tab before the first): the browser then moves the
 * focus on as it would anyway.
 */
export function moveFrom(pos: CellPos, move: Move, rows: number, cols: number): CellPos | null {
  const clampRow = (row: number) => Math.min(rows - 1, Math.max(0, row));
  const clampCol = (col: number) => Math.min(cols - 1, Math.max(0, col));
  switch (move) {
    case 'up':
      return { row: clampRow(pos.row - 1), col: pos.col };
    case 'down':
      return { row: clampRow(pos.row + 1), col: pos.col };
    case 'left':
      return { row: pos.row, col: clampCol(pos.col - 1) };
    case 'right':
      return { row: pos.row, col: clampCol(pos.col + 1) };
    case 'next':
      if (pos.col + 1 < cols) return { row: pos.row, col: pos.col + 1 };
      return pos.row + 1 < rows ? { row: pos.row + 1, col: 0 } : null;
    case 'previous':
      if (pos.col > 0) return { row: pos.row, col: pos.col - 1 };
      return pos.row > 0 ? { row: pos.row - 1, col: cols - 1 } : null;
  }
}

/** The move a key asks for while a cell is only selected (not being edited); null for other keys. */
export function moveOfKey(key: string, shift: boolean): Move | null {
  switch (key) {
    case 'ArrowUp':
      return 'up';
    case 'ArrowDown':
      return 'down';
    case 'ArrowLeft':
      return 'left';
    case 'ArrowRight':
      return 'right';
    case 'Tab':
      return shift ? 'previous' : 'next';
    default:
      return null;
  }
}
