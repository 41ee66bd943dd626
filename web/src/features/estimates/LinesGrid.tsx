// The lines as an editable grid, grouped as the annex groups them: part A (continuing) then part B
// (new), each by plan area, with subtotals (TanStack Table's grouped row model). Cells are edited in
// place as in a spreadsheet: Enter, F2, a double click or typing starts; Enter and Tab save and move
// on; Escape cancels the cell. The amount is quantity × unit price, computed as the server does.
// Rows are memoised on their line object, so a keystroke or a saved line redraws one row only.
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  getExpandedRowModel,
  getGroupedRowModel,
  type GroupingState,
  type Row,
  useReactTable,
} from '@tanstack/react-table';
import { Badge } from '@mantine/core';
import { type KeyboardEvent, memo, type MouseEvent, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { NumericFormat } from 'react-number-format';
import { ApiError } from '../../api/client';
import type { Catalog, Line } from '../../api/types';
import { errorText, pickLanguage } from '../../ui/errors';
import { formatVnd, groupDigits, lineAmount, sumVnd } from '../../ui/money';
import { type CellPos, type Move, moveFrom, moveOfKey } from './gridNav';
import { draftOf, type LineDraft } from './lineDraft';
import type { RowEdit, RowEdits } from './useGridEdits';

/** The columns edited in place, in the order Tab walks them; the others go through the line form. */
export const GRID_FIELDS = ['description', 'quantity', 'measureUnit', 'unitPrice', 'fundingSourceCode', 'expenditureTypeCode'] as const;
export type GridField = (typeof GRID_FIELDS)[number];
type Editor = 'text' | 'quantity' | 'money' | 'select';
const EDITOR: Record<GridField, Editor> = {
  description: 'text',
  quantity: 'quantity',
  measureUnit: 'text',
  unitPrice: 'money',
  fundingSourceCode: 'select',
  expenditureTypeCode: 'select',
};

const FIELD_LABEL: Record<GridField, string> = {
  description: 'line.description',
  quantity: 'line.quantity',
  measureUnit: 'line.measureUnit',
  unitPrice: 'line.unitPrice',
  fundingSourceCode: 'line.fundingSource',
  expenditureTypeCode: 'line.expenditureType',
};
const GROUPING: GroupingState = ['part', 'planArea'];
// The grouping keys are shown as the group rows, not as columns.
const HIDDEN = { part: false, planArea: false };

interface Props {
  lines: Line[];
  catalog: Catalog;
  editable: boolean;
  edits: RowEdits;
  onCommit: (line: Line, field: keyof LineDraft, value: string) => void;
  onRetry: (lineId: string) => void;
  onRevert: (lineId: string) => void;
  onEdit: (line: Line) => void;
  onDelete: (line: Line) => void;
}

const OPINION_COLOR = { AGREE: 'green', AGREE_WITH_CHANGES: 'yellow', DISAGREE: 'red' } as const;

function quantityText(quantity: string): string {
  const [whole, fraction] = quantity.split('.');
  const trimmed = (fraction ?? '').replace(/0+$/, '');
  return groupDigits(whole || '0') + (trimmed ? `,${trimmed}` : '');
}

/** What the grid's rows share; built once per catalog, language and handler set. */
interface GridContext {
  t: TFunction;
  language: string;
  options: Record<'fundingSourceCode' | 'expenditureTypeCode', { value: string; label: string }[]>;
  label: (field: 'fundingSourceCode' | 'expenditureTypeCode', code: string) => string;
  /** Column names, translated once per grid rather than per cell. */
  fieldLabels: Record<GridField, string>;
  editable: boolean;
  showOpinion: boolean;
  finish: (line: Line, field: GridField, value: string | null, move: Move | null, pos: CellPos) => void;
  onRetry: (lineId: string) => void;
  onRevert: (lineId: string) => void;
  onEdit: (line: Line) => void;
  onDelete: (line: Line) => void;
}

interface Active {
  lineId: string;
  field: GridField;
  /** The key that started the editing (it replaces the value), or null to edit the value as it is. */
  seed: string | null;
}

export const LinesGrid = memo(function LinesGrid({ lines, catalog, editable, edits, onCommit, onRetry, onRevert, onEdit, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [active, setActive] = useState<Active | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const focusAfter = useRef<CellPos | null>(null);
  const showOpinion = useMemo(() => lines.some((l) => l.dicOpinion !== null), [lines]);

  const areaOrder = useMemo(() => new Map(catalog.planAreas.map((a, i) => [a.code, i])), [catalog]);
  const names = useMemo(() => {
    const pick = (item: { name: string; nameEn: string }) => (language === 'en' ? item.nameEn : item.name);
    return {
      planArea: new Map(catalog.planAreas.map((a) => [a.code, pick(a)])),
      fundingSourceCode: new Map(catalog.fundingSources.map((s) => [s.code, pick(s)])),
      expenditureTypeCode: new Map<string, string>(
        catalog.expenditureTypes.map((s) => [s.code, t(`typeCell.${s.code}`, { defaultValue: pick(s) })]),
      ),
    };
  }, [catalog, language, t]);

  // The annex's order: part A before B, plan areas in the catalog's order, lines by number. The
  // grouped row model keeps the order in which groups first appear.
  const ordered = useMemo(
    () =>
      [...lines].sort(
        (a, b) =>
          Number(b.isContinuing) - Number(a.isContinuing) ||
          (areaOrder.get(a.planAreaCode) ?? 0) - (areaOrder.get(b.planAreaCode) ?? 0) ||
          a.lineNo - b.lineNo,
      ),
    [lines, areaOrder],
  );

  const columns = useMemo<ColumnDef<Line>[]>(
    () => [
      { id: 'part', accessorFn: (l) => (l.isContinuing ? 'A' : 'B') },
      { id: 'planArea', accessorKey: 'planAreaCode' },
      { id: 'lineNo', header: () => t('line.no') },
      { id: 'description', header: () => t('line.description') },
      { id: 'quantity', header: () => t('line.quantity') },
      { id: 'measureUnit', header: () => t('line.measureUnitShort') },
      { id: 'unitPrice', header: () => t('line.unitPrice') },
      {
        id: 'amount',
        accessorKey: 'amount',
        header: () => t('line.amount'),
        // Subtotals in BigInt over digit strings (never a JS number).
        aggregationFn: (_id, leaves: Row<Line>[]) => sumVnd(leaves.map((r) => r.original.amount)),
      },
      { id: 'fundingSourceCode', header: () => t('line.fundingSource') },
      { id: 'expenditureTypeCode', header: () => t('line.expenditureType') },
      ...(showOpinion ? [{ id: 'dicOpinion', header: () => t('line.dicOpinion') } satisfies ColumnDef<Line>] : []),
      { id: 'actions', header: () => <span className="visually-hidden">{t('line.actions')}</span> },
    ],
    [t, showOpinion],
  );
  const table = useReactTable({
    data: ordered,
    columns,
    state: { grouping: GROUPING, expanded: true, columnVisibility: HIDDEN },
    getRowId: (line) => line.id,
    getCoreRowModel: getCoreRowModel(),
    getGroupedRowModel: getGroupedRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    groupedColumnMode: false,
  });
  const rows = table.getRowModel().rows;
  const leafIndex = useMemo(() => {
    const index = new Map<string, number>();
    for (const row of rows) if (!row.getIsGrouped()) index.set(row.id, index.size);
    return index;
  }, [rows]);
  const byId = useMemo(() => new Map(lines.map((l) => [l.id, l])), [lines]);
  const rowCount = useRef(0);
  rowCount.current = leafIndex.size;
  const visibleColumns = table.getVisibleLeafColumns().length;

  const cellAt = (pos: CellPos) => tableRef.current?.querySelector<HTMLElement>(`td[data-r="${pos.row}"][data-c="${pos.col}"]`) ?? null;

  // After a cell is saved, the cursor lands on the cell the key asked for once the editor is gone.
  useLayoutEffect(() => {
    if (active === null && focusAfter.current) {
      cellAt(focusAfter.current)?.focus();
      focusAfter.current = null;
    }
  });

  const lineAt = useCallback(
    (row: number) => {
      for (const [id, index] of leafIndex) if (index === row) return byId.get(id) ?? null;
      return null;
    },
    [leafIndex, byId],
  );

  const ctx = useMemo<GridContext>(
    () => ({
      t,
      language,
      options: {
        fundingSourceCode: catalog.fundingSources.map((s) => ({ value: s.code, label: names.fundingSourceCode.get(s.code) ?? s.code })),
        expenditureTypeCode: catalog.expenditureTypes.map((s) => ({ value: s.code, label: names.expenditureTypeCode.get(s.code) ?? s.code })),
      },
      label: (field, code) => names[field].get(code) ?? code,
      fieldLabels: Object.fromEntries(GRID_FIELDS.map((field) => [field, t(FIELD_LABEL[field])])) as Record<GridField, string>,
      editable,
      showOpinion,
      finish: (line, field, value, move, pos) => {
        if (value !== null) onCommit(line, field, value);
        const next = move ? moveFrom(pos, move, rowCount.current, GRID_FIELDS.length) : null;
        focusAfter.current = next ?? pos;
        setActive(null);
      },
      onRetry,
      onRevert,
      onEdit,
      onDelete,
    }),
    // Not the line count (read through rowCount): a saved line must not redraw every row.
    [t, language, catalog, names, editable, showOpinion, onCommit, onRetry, onRevert, onEdit, onDelete],
  );

  const start = (pos: CellPos, seed: string | null) => {
    const line = lineAt(pos.row);
    if (!line) return;
    const field = GRID_FIELDS[pos.col];
    const editor = EDITOR[field];
    // Typing a digit into a number cell starts it afresh; any other key there opens it as it is.
    const fits = seed === null || seed === '' || editor === 'text' || (editor !== 'select' && /^\d$/.test(seed));
    setActive({ lineId: line.id, field, seed: editor === 'select' || !fits ? null : seed });
  };

  const posOf = (target: EventTarget): CellPos | null => {
    const td = (target as HTMLElement).closest<HTMLElement>('td[data-c]');
    return td ? { row: Number(td.dataset.r), col: Number(td.dataset.c) } : null;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const target = event.target as HTMLElement;
    if (target.tagName !== 'TD') return; // keys inside an editor are the editor's
    const pos = posOf(target);
    if (!pos) return;
    const move = moveOfKey(event.key, event.shiftKey);
    if (move) {
      const to = moveFrom(pos, move, leafIndex.size, GRID_FIELDS.length);
      if (to) {
        event.preventDefault();
        cellAt(to)?.focus();
      }
      return;
    }
    if (!editable) return;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      start(pos, null);
    } else if (event.key === 'Backspace' || event.key === 'Delete') {
      event.preventDefault();
      start(pos, '');
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      start(pos, event.key);
    }
  };

  const onDoubleClick = (event: MouseEvent<HTMLTableElement>) => {
    if (!editable || (event.target as HTMLElement).closest('input, select, button')) return;
    const pos = posOf(event.target);
    if (pos) start(pos, null);
  };

  return (
    <div className="lines-grid-scroll">
      <table
        ref={tableRef}
        className="lines-grid"
        role="grid"
        aria-label={t('editor.gridLabel')}
        aria-describedby={editable ? 'lines-grid-help' : undefined}
        data-testid="lines-grid"
        onKeyDown={onKeyDown}
        onDoubleClick={onDoubleClick}
      >
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} className={`col-${header.column.id}`} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {rows.map((row) => {
            if (row.getIsGrouped()) {
              const isPart = row.groupingColumnId === 'part';
              const code = String(row.groupingValue);
              return (
                <tr key={row.id} className={isPart ? 'group-part' : 'group-area'}>
                  <td colSpan={5}>{isPart ? t(code === 'A' ? 'line.partA' : 'line.partB') : `${code} — ${names.planArea.get(code) ?? code}`}</td>
                  <td className="money">{formatVnd(row.getValue<string>('amount'))}</td>
                  <td colSpan={visibleColumns - 6} />
                </tr>
              );
            }
            const line = row.original;
            return (
              <LineRow
                key={row.id}
                line={line}
                rowIndex={leafIndex.get(row.id) ?? 0}
                edit={edits[line.id]}
                editing={active?.lineId === line.id ? active : null}
                ctx={ctx}
              />
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

interface RowProps {
  line: Line;
  rowIndex: number;
  edit: RowEdit | undefined;
  editing: Active | null;
  ctx: GridContext;
}

/** One line of the grid; redrawn only when its line, its typing or its editing cell changes. */
const LineRow = memo(function LineRow({ line, rowIndex, edit, editing, ctx }: RowProps) {
  const { t } = ctx;
  const saved = useMemo(() => draftOf(line), [line]);
  const value = (field: GridField): string => edit?.typed[field] ?? saved[field];
  const quantity = value('quantity');
  const unitPrice = value('unitPrice');
  const typedAmount = edit && (edit.typed.quantity !== undefined || edit.typed.unitPrice !== undefined);
  const amount = typedAmount ? lineAmount(quantity, unitPrice) : line.amount;
  const details = edit?.state === 'error' && edit.error instanceof ApiError ? edit.error.details : [];
  const fieldError = (field: string) =>
    [
      ...new Set(
        details.filter((d) => d.field === field || d.field?.endsWith(`.${field}`)).map((d) => withoutField(pickLanguage(d.message, ctx.language), d.field)),
      ),
    ].join('; ');
  const state = edit?.state ?? 'saved';

  const rowLabel = t('line.rowNo', { no: line.lineNo });
  const cell = (field: GridField, col: number) => {
    const editor = EDITOR[field];
    const current = value(field);
    const problem = fieldError(field);
    const typed = edit?.typed[field] !== undefined;
    const label = `${ctx.fieldLabels[field]}, ${rowLabel}`;
    const shown =
      editor === 'quantity'
        ? current === ''
          ? ''
          : quantityText(current)
        : editor === 'money'
          ? current === ''
            ? ''
            : groupDigits(current)
          : editor === 'select'
            ? ctx.label(field as 'fundingSourceCode' | 'expenditureTypeCode', current)
            : current;
    const isEditing = editing?.field === field;
    // Figures never widen the grid: a long one is cut with "…" in its cell, whole on hover.
    const clipped = editor === 'quantity' || editor === 'money';
    const hover = [clipped && shown.length > CLIP_CHARS ? shown : '', problem].filter(Boolean).join(' — ');
    return (
      <td
        key={field}
        data-r={rowIndex}
        data-c={col}
        data-field={field}
        tabIndex={rowIndex === 0 && col === 0 ? 0 : -1}
        aria-label={isEditing ? undefined : `${label}: ${shown || '—'}`}
        aria-invalid={problem ? true : undefined}
        aria-readonly={ctx.editable ? undefined : true}
        title={hover || undefined}
        className={`cell cell-${editor}${typed ? ' typed' : ''}${problem ? ' invalid' : ''}`}
      >
        {isEditing ? (
          <CellEditor
            editor={editor}
            initial={current}
            seed={editing.seed}
            label={label}
            options={editor === 'select' ? ctx.options[field as 'fundingSourceCode' | 'expenditureTypeCode'] : []}
            onDone={(next, move) => ctx.finish(line, field, next, move, { row: rowIndex, col })}
          />
        ) : clipped ? (
          <span className="clip">{shown}</span>
        ) : (
          shown
        )}
      </td>
    );
  };
  const amountText = formatVnd(amount);

  return (
    <>
      <tr data-line-no={line.lineNo} data-state={state} aria-busy={state === 'saving' || undefined}>
        <td className="col-lineNo">{line.lineNo}</td>
        {GRID_FIELDS.slice(0, 3).map((field, col) => cell(field, col))}
        {cell('unitPrice', 3)}
        <td className={`money amount${typedAmount ? ' typed' : ''}`} data-testid="line-amount" title={amountText.length > CLIP_CHARS ? amountText : undefined}>
          <span className="clip">{amountText}</span>
        </td>
        {cell('fundingSourceCode', 4)}
        {cell('expenditureTypeCode', 5)}
        {ctx.showOpinion && (
          <td>
            {line.dicOpinion && (
              <Badge color={OPINION_COLOR[line.dicOpinion]} variant="light" size="sm">
                {t(`opinion.${line.dicOpinion}`)}
              </Badge>
            )}
            {line.dicNote && <div className="note">{line.dicNote}</div>}
          </td>
        )}
        <td className="actions">
          {ctx.editable && (
            <div className="actions-stack">
              <button type="button" className="grid-btn" onClick={() => ctx.onEdit(line)} aria-label={t('line.editNo', { no: line.lineNo })}>
                {t('line.edit')}
              </button>
              <button type="button" className="grid-btn" onClick={() => ctx.onDelete(line)} aria-label={t('line.deleteNo', { no: line.lineNo })}>
                {t('line.delete')}
              </button>
            </div>
          )}
        </td>
      </tr>
      {edit && edit.state !== 'saving' && (
        <tr className={`row-message ${edit.state}`} data-message-for={line.lineNo}>
          <td />
          <td colSpan={ctx.showOpinion ? 9 : 8}>
            <div role="alert">
              <strong>{rowLabel}: </strong>
              {edit.state === 'error' ? rowMessage(edit.error, t, ctx.language) : t('grid.unsaved')}
            </div>
            <div className="row-message-actions">
              <button type="button" className="grid-btn primary" onClick={() => ctx.onRetry(line.id)}>
                {t('grid.saveRow', { no: line.lineNo })}
              </button>
              <button type="button" className="grid-btn" onClick={() => ctx.onRevert(line.id)}>
                {t('grid.revertRow')}
              </button>
            </div>
          </td>
        </tr>
      )}
    </>
  );
});

/** Figures longer than this may be cut in their cell (app.css `.clip`): their cell's title holds them whole. */
const CLIP_CHARS = 16;

/** A detail's message without the API's field name in front ("amount: thành tiền …" → "thành tiền …"): the row says which cell. */
export function withoutField(message: string, field: string | undefined): string {
  if (!field) return message;
  for (const name of [field, field.split('.').at(-1)!]) {
    if (message.startsWith(`${name}: `)) return message.slice(name.length + 2);
  }
  return message;
}

/**
 * The refusal in words, each thing said once: the server's message per field (without the field's
 * API name), or, when it names no field, the catalog's text for its code.
 */
export function rowMessage(error: unknown, t: TFunction, language: string): string {
  const details = error instanceof ApiError ? error.details.map((d) => withoutField(pickLanguage(d.message, language), d.field)) : [];
  if (details.length > 0) return [...new Set(details)].join('; ');
  return errorText(error, t, language);
}

interface EditorProps {
  editor: Editor;
  initial: string;
  seed: string | null;
  label: string;
  options: { value: string; label: string }[];
  /** The value to save (null: cancelled) and where the cursor goes next. */
  onDone: (value: string | null, move: Move | null) => void;
}

/** The input of the cell being edited; its keystrokes stay here and redraw nothing else. */
function CellEditor({ editor, initial, seed, label, options, onDone }: EditorProps) {
  const [value, setValue] = useState(seed ?? initial);
  const done = useRef(false);
  const input = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const finish = (result: string | null, move: Move | null) => {
    if (done.current) return;
    done.current = true;
    onDone(result, move);
  };

  useLayoutEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    if (element instanceof HTMLInputElement) {
      // Typing replaced the value: the caret after it. Enter or F2: the whole value selected.
      if (seed === null) element.select();
      else element.setSelectionRange(element.value.length, element.value.length);
    }
  }, [seed]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      finish(value, event.shiftKey ? 'up' : 'down');
    } else if (event.key === 'Tab') {
      event.preventDefault();
      finish(value, event.shiftKey ? 'previous' : 'next');
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finish(null, null);
    }
  };
  const common = { 'aria-label': label, onKeyDown, onBlur: () => finish(value, null), className: 'cell-input' };

  if (editor === 'select') {
    return (
      <select {...common} ref={(el) => void (input.current = el)} value={value} onChange={(e) => setValue(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  }
  if (editor === 'text') {
    return <input {...common} ref={(el) => void (input.current = el)} value={value} onChange={(e) => setValue(e.currentTarget.value)} />;
  }
  return (
    <NumericFormat
      {...common}
      getInputRef={(el: HTMLInputElement | null) => void (input.current = el)}
      value={value}
      valueIsNumericString
      thousandSeparator="."
      decimalSeparator=","
      decimalScale={editor === 'money' ? 0 : 4}
      allowNegative={false}
      inputMode={editor === 'money' ? 'numeric' : 'decimal'}
      onValueChange={(values) => setValue(values.value)}
    />
  );
}
