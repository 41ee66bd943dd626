// Guards "what officials read is Vietnamese first": every text the server code writes where an
// official reads it (an error's message, a problem's or a rule's message, an explanation's summary,
// a note or a warning) is either a catalog call (`message('CODE', …)`) or a "vi / en" text whose
// first half is Vietnamese. A new English-only or English-first text fails here, naming its place.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { VIETNAMESE } from './catalog/check.js';

const ROOT = join(process.cwd(), 'src');
/** Object properties that carry words for officials. */
const READ_PROPERTIES = new Set(['message', 'summary', 'note', 'warning', 'rule', 'title', 'reason', 'explanation']);
// Places whose texts are not read by officials: command-line tools for operators and the allocation
// engine's input errors (the `allocate` command's one-line contract, DESIGN.md section 4), test
// helpers, the open-data package's own checks (CSV syntax, descriptor validation: for the
// publisher's CI), the package descriptor (licence names), start-up configuration.
const SKIPPED = [
  /\.spec\.ts$/,
  /\/testing\//,
  /-cli\.ts$/,
  /\/cli\.ts$/,
  /engine\/allocation\/(allocate|parse-allocation-input|allocation-errors)\.ts$/,
  /open-data\/domain\/(validator|csv|descriptor)\.ts$/,
  /audit-verify/,
  /^database\//,
  /^config\//,
];
/**
 * Errors whose texts nobody reads: programming errors (a 500 answers the catalog's INTERNAL_ERROR),
 * a stream's internal cause, and NotFoundError, whose argument is a record's name that the catalog
 * puts in Vietnamese (ENTITY_NAMES).
 */
const UNREAD_ERRORS = new Set(['Error', 'RangeError', 'TypeError', 'OutputClosedError', 'NotFoundError']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    const rel = relative(ROOT, path);
    return entry.name.endsWith('.ts') && !SKIPPED.some((re) => re.test(rel)) ? [path] : [];
  });
}

/** The literal text of a string expression (parts outside literals as `{}`), or null when it is not one. */
function literalText(node: ts.Expression): string | null {
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `{}${span.literal.text}`).join('');
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    if (left === null && right === null) return null;
    return `${left ?? '{}'}${right ?? '{}'}`;
  }
  return null;
}

/** The texts an expression may take (both branches of a conditional). */
function texts(node: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(node)) return texts(node.expression);
  if (ts.isConditionalExpression(node)) return [...texts(node.whenTrue), ...texts(node.whenFalse)];
  const text = literalText(node);
  return text === null ? [] : [text];
}

/** A text a person reads: three English words or more (codes, paths and SQL are not). */
function isWords(text: string): boolean {
  if (/^\s*(SELECT|INSERT|UPDATE|WITH|DELETE)\b/i.test(text)) return false;
  return text.replace(/\{\}/g, ' ').split(/\s+/).filter((word) => /^[^A-Za-z]*[A-Za-z]{2,}/.test(word)).length >= 3;
}

function isVietnameseFirst(text: string): boolean {
  const at = text.indexOf(' / ');
  return VIETNAMESE.test(at < 0 ? text : text.slice(0, at));
}

interface Finding {
  place: string;
  text: string;
}

function findings(file: string): Finding[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Finding[] = [];
  const check = (expression: ts.Expression) => {
    for (const text of texts(expression)) {
      if (isWords(text) && !isVietnameseFirst(text)) {
        const { line } = source.getLineAndCharacterOfPosition(expression.getStart());
        found.push({ place: `${relative(ROOT, file)}:${line + 1}`, text });
      }
    }
  };
  const visit = (node: ts.Node): void => {
    // new SomethingError(…), super(…) in an error class, XError.of(…)
    if (ts.isNewExpression(node) && /(Error|Exception)$/.test(node.expression.getText()) && !UNREAD_ERRORS.has(node.expression.getText())) {
      node.arguments?.forEach(check);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText();
      const inErrorClass = ts.findAncestor(
        node,
        (n) => ts.isClassDeclaration(n) && (n.heritageClauses?.some((h) => /Error|Exception/.test(h.getText()) && !/extends Error\b/.test(h.getText())) ?? false),
      );
      if ((callee === 'super' && inErrorClass) || /Error\.of$/.test(callee)) node.arguments.forEach(check);
    }
    // { message: '…' } in problems, rule results, class-validator options; summaries, notes, warnings.
    if (ts.isPropertyAssignment(node) && READ_PROPERTIES.has(node.name.getText())) {
      const inApiDoc = ts.findAncestor(node, (n) => ts.isDecorator(n) && /^@Api|^@Endpoint/.test(n.getText()));
      if (!inApiDoc) check(node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('texts officials read', () => {
  it('are Vietnamese first (a catalog entry, or "vi / en") in every module', () => {
    const all = sourceFiles(ROOT).flatMap(findings);
    expect(all).toEqual([]);
  });

  it('the scanner finds an English-only text and accepts a Vietnamese-first one', () => {
    expect(isWords('the unfunded requests cannot close the shortfall')).toBe(true);
    expect(isVietnameseFirst('the unfunded requests cannot close the shortfall')).toBe(false);
    expect(isVietnameseFirst('a top-up has one ceiling / bổ sung chỉ có một mức trần')).toBe(false);
    expect(isVietnameseFirst('Bổ sung chỉ có một mức trần / a top-up has one ceiling')).toBe(true);
    expect(isWords('DISTRICT_IT_LINE')).toBe(false);
    expect(isWords('largest-remainder-unit')).toBe(false);
  });
});
